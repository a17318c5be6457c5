package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_VoidAuthorization}: releases the money an order will not need. */
@Component
public class VoidAuthorizationDelegate implements JavaDelegate {

    private final PaymentService payments;

    public VoidAuthorizationDelegate(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        payments.voidOpenAuthorization((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
