package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import com.orderflow.process.OrderResumption;
import com.orderflow.process.RenewalProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_ReauthorizePayment} of {@code processes/authorization-renewal.bpmn}: renews the
 * authorisation before it lapses, and again when ops decide so after a refusal (with the customer's new
 * payment token, if the form gave one). A refusal is a business outcome for ops (BPMN error
 * {@code ReauthorizationDeclined}, with what the form {@code resolveLapsedAuthorization} shows); an
 * unreachable provider is retried by the engine.
 */
@Component
public class ReauthorizePaymentDelegate implements JavaDelegate {

    /** For {@code Gateway_OrderStillOpen}: whether the order still waits for something to ship. */
    static final String VAR_ORDER_OPEN = "orderOpen";
    /** Refusals of this authorisation so far: each new attempt is a new request to the provider. */
    static final String VAR_REFUSALS = "reauthorizationRefusals";
    /** Set by ops in the lapse task's form: another payment method of the customer's. */
    static final String VAR_NEW_PAYMENT_TOKEN = "newPaymentToken";
    static final String VAR_CUSTOMER = "customer";
    static final String VAR_OPEN_AMOUNT = "openAmount";
    static final String GATEWAY_LAPSE_DECISION = RenewalProcess.GATEWAY_LAPSE_DECISION;
    /** Set by ops in the lapse task's form, read by {@code Gateway_LapseDecision}. */
    static final String VAR_LAPSE_DECISION = "lapseDecision";

    private final PaymentService payments;
    private final PaymentSettings settings;
    private final OrderResumption resumption;

    public ReauthorizePaymentDelegate(PaymentService payments, PaymentSettings settings, OrderResumption resumption) {
        this.payments = payments;
        this.settings = settings;
        this.resumption = resumption;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        int refusals = execution.getVariable(VAR_REFUSALS) instanceof Integer n ? n : 0;
        // Each lapse task asks afresh: its form must not open with the last decision ticked.
        execution.removeVariable(VAR_LAPSE_DECISION);
        try {
            PaymentService.Renewal renewal = payments.reauthorize(orderId, settings.getAuthorizationValidity(), refusals,
                    newPaymentToken(execution));
            if (renewal == PaymentService.Renewal.RENEWED_AFTER_LAPSE) {
                resumption.paymentAuthorizedAgain(orderId);
            }
            // A renewed authorisation's next renewal is a first attempt again, with the order's token.
            execution.removeVariable(VAR_REFUSALS);
            execution.removeVariable(VAR_NEW_PAYMENT_TOKEN);
            execution.setVariable(VAR_ORDER_OPEN, payments.orderOpen(orderId));
        } catch (PaymentDeclinedException declined) {
            PaymentService.Lapse lapse = payments.lapse(orderId, declined.getMessage(), offersOpsDecision(execution));
            execution.setVariable(VAR_REFUSALS, refusals + 1);
            execution.removeVariable(VAR_NEW_PAYMENT_TOKEN);
            execution.setVariable(VAR_CUSTOMER, lapse.customer());
            execution.setVariable(VAR_OPEN_AMOUNT, lapse.openAmount());
            throw new BpmnError(OrderProcess.ERROR_REAUTHORIZATION_DECLINED, declined.getMessage());
        }
    }

    /**
     * Renewals started on a model version from before the hold end their lapse task without a decision:
     * holding their order would keep it from shipping for ever.
     */
    private static boolean offersOpsDecision(DelegateExecution execution) {
        return execution.getProcessEngineServices().getRepositoryService()
                .getBpmnModelInstance(execution.getProcessDefinitionId()).getModelElementById(GATEWAY_LAPSE_DECISION) != null;
    }

    private static String newPaymentToken(DelegateExecution execution) {
        Object token = execution.getVariable(VAR_NEW_PAYMENT_TOKEN);
        return token instanceof String text && !text.isBlank() ? text.strip() : null;
    }
}
