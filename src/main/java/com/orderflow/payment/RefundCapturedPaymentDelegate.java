package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_RefundCapturedPayment}, compensating {@code Task_CapturePayment}. */
@Component
public class RefundCapturedPaymentDelegate implements JavaDelegate {

    private final PaymentService payments;

    public RefundCapturedPaymentDelegate(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        payments.refundUndelivered((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
