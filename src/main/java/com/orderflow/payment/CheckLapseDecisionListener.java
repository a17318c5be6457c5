package com.orderflow.payment;

import com.orderflow.escalation.OpsDecisionLog;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.process.TaskFormRefusal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of "What did ops decide?" ({@code Gateway_LapseDecision}) in the authorisation renewal.
 * Tasklist's form offers two decisions and a token of at most 200 characters, but a completion of
 * "Resolve lapsed authorisation" through {@code /engine-rest} can send anything, and the gateway
 * authorises again whatever is not exactly {@code CANCEL}: a mistyped "cancel" would ask the provider to
 * hold the customer's money again where ops meant to give the order up. A decision the form does not
 * offer, and a token the order could not keep, are refused as form validation errors, which Tasklist and
 * {@code /engine-rest} answer with 400 and the message; the completion rolls back and the task stays
 * open (as {@code CheckOpsDecisionListener} does for the delayed backorder's task). No decision at all
 * keeps the gateway's documented default: authorise again, which cancels nothing by mistake.
 */
@Component
public class CheckLapseDecisionListener implements ExecutionListener {

    /**
     * The values of the form's radio group: a decision added to the form and the gateway must be added
     * here too, or its completions are refused.
     */
    enum LapseDecision {
        AUTHORIZE_AGAIN, CANCEL
    }

    private final OrderRepository orders;
    private final OpsDecisionLog log;

    public CheckLapseDecisionListener(OrderRepository orders, OpsDecisionLog log) {
        this.orders = orders;
        this.log = log;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String decision = TaskFormRefusal.requireOneOf(execution, ReauthorizePaymentDelegate.VAR_LAPSE_DECISION,
                LapseDecision.values(), false);
        Object token = execution.getVariable(ReauthorizePaymentDelegate.VAR_NEW_PAYMENT_TOKEN);
        if (token != null && !(token instanceof String text
                && text.strip().length() <= PlaceOrderRequest.PaymentRequest.MAX_TOKEN_LENGTH)) {
            throw TaskFormRefusal.refused(ReauthorizePaymentDelegate.VAR_NEW_PAYMENT_TOKEN,
                    "must be text of at most " + PlaceOrderRequest.PaymentRequest.MAX_TOKEN_LENGTH + " characters");
        }
        // As an order's own token: the provider gets it as given, and a line break in it was passed on.
        if (token instanceof String text && !text.matches(PlaceOrderRequest.NO_CONTROL_CHARACTERS)) {
            throw TaskFormRefusal.refused(ReauthorizePaymentDelegate.VAR_NEW_PAYMENT_TOKEN,
                    PlaceOrderRequest.CONTROL_CHARACTERS_REFUSED);
        }
        TaskFormRefusal.orderStillToDecide(orders, execution, ReauthorizePaymentDelegate.VAR_LAPSE_DECISION);
        // The token itself is the customer's payment detail: the timeline says only whether there was one.
        log.record(execution, "Resolve lapsed authorisation", Map.of(
                "decision", decision == null ? LapseDecision.AUTHORIZE_AGAIN.name() : decision,
                "newPaymentMethod", token != null && !token.toString().isBlank()));
    }
}
