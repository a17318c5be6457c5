package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_AuthorizePayment}: a decline is a business outcome the model routes to rejection. */
@Component
public class AuthorizePaymentDelegate implements JavaDelegate {

    private final PaymentService payments;

    public AuthorizePaymentDelegate(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        try {
            payments.authorize(orderId);
        } catch (PaymentDeclinedException declined) {
            execution.setVariable(OrderProcess.VAR_REJECT_REASON, "PAYMENT_DECLINED");
            // The shop tells its customer why ("card declined") and what to do, which the reason alone does not say.
            execution.setVariable(OrderProcess.VAR_REJECT_DETAIL, "the payment provider declined: " + declined.getMessage());
            throw new BpmnError(OrderProcess.ERROR_PAYMENT_DECLINED, declined.getMessage());
        }
    }
}
