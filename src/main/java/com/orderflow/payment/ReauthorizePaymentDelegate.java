package com.orderflow.payment;

import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_ReauthorizePayment} of {@code processes/authorization-renewal.bpmn}: renews the authorisation before it lapses. A refusal
 * is a business outcome for ops (BPMN error {@code ReauthorizationDeclined}); an unreachable
 * provider is retried by the engine.
 */
@Component
public class ReauthorizePaymentDelegate implements JavaDelegate {

    /** For {@code Gateway_OrderStillOpen}: whether the order still waits for something to ship. */
    static final String VAR_ORDER_OPEN = "orderOpen";

    private final PaymentService payments;
    private final PaymentSettings settings;
    private final Timeline timeline;

    public ReauthorizePaymentDelegate(PaymentService payments, PaymentSettings settings, Timeline timeline) {
        this.payments = payments;
        this.settings = settings;
        this.timeline = timeline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        try {
            payments.reauthorize(orderId, settings.getAuthorizationValidity());
            execution.setVariable(VAR_ORDER_OPEN, payments.orderOpen(orderId));
        } catch (PaymentDeclinedException declined) {
            timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", "ops",
                    "reason", "payment authorisation could not be renewed: " + declined.getMessage()), null);
            throw new BpmnError(OrderProcess.ERROR_REAUTHORIZATION_DECLINED, declined.getMessage());
        }
    }
}
