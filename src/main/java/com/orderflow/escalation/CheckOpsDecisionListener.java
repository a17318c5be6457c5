package com.orderflow.escalation;

import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.TaskFormRefusal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of "What did ops decide?" ({@code Gateway_OpsDecision}). Tasklist's form insists on a
 * decision, but a completion of "Resolve delayed backorder" through {@code /engine-rest} need not send
 * one, and the gateway has no flow for a missing or unknown decision: the engine would fail the
 * completion with a 500. A note longer than the engine can store as text (4,000 characters on
 * PostgreSQL) failed the completion with a 500 as well; the form's bound is {@value #NOTE_MAX_LENGTH}.
 * Both are refused as form validation errors instead, which Tasklist and
 * {@code /engine-rest} answer with 400 and the message; the completion rolls back and the task stays
 * open. An execution listener, because the engine passes its exceptions on as they are, where it wraps a
 * task listener's into a 500; and on the gateway, which only a completed task reaches.
 */
@Component
public class CheckOpsDecisionListener implements ExecutionListener {

    /**
     * The values of the form's radio group, each a flow out of "What did ops decide?": a decision added to
     * the form and the gateway must be added here too, or its completions are refused.
     */
    enum OpsDecision {
        KEEP_WAITING, SHIP_AVAILABLE, CANCEL
    }

    /** As {@code maxLength} of the form's note field; the note goes into the order's timeline. */
    static final int NOTE_MAX_LENGTH = 1_000;

    private final OrderRepository orders;
    private final OpsDecisionLog log;

    public CheckOpsDecisionListener(OrderRepository orders, OpsDecisionLog log) {
        this.orders = orders;
        this.log = log;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String decision = TaskFormRefusal.requireOneOf(execution, OrderProcess.VAR_OPS_DECISION, OpsDecision.values(), true);
        Order order = TaskFormRefusal.orderStillToDecide(orders, execution, OrderProcess.VAR_OPS_DECISION);
        // Goods that filled the order while ops decided: its last parcel left, and the task goes once the parcel is
        // charged. A cancellation taken now did nothing, yet read as done on the order's timeline.
        if (order.lines().stream().allMatch(line -> line.open() == 0)) {
            throw TaskFormRefusal.refused(OrderProcess.VAR_OPS_DECISION, "the order shipped in full meanwhile (its timeline"
                    + " says when); there is nothing left to decide, and the task goes away");
        }
        // Shipping what is available with nothing reserved would withdraw every backorder and end the order
        // as shipped with nothing shipped. The customer's link does not offer it then either.
        if (OpsDecision.SHIP_AVAILABLE.name().equals(decision) && order.lines().stream().noneMatch(line -> line.reserved() > 0)) {
            throw TaskFormRefusal.refused(OrderProcess.VAR_OPS_DECISION, "nothing of this order is reserved to ship now; "
                    + "choose KEEP_WAITING, or CANCEL (what already shipped stays shipped and paid for)");
        }
        // The rest would be given up for a parcel that cannot leave: a held payment ships nothing, and the
        // customer's link refuses this choice in that state for the same reason.
        if (OpsDecision.SHIP_AVAILABLE.name().equals(decision) && order.paymentLapsed()) {
            throw TaskFormRefusal.refused(OrderProcess.VAR_OPS_DECISION, "the order's payment authorisation lapsed, so "
                    + "nothing of it can ship until it is authorised again (task \"Resolve lapsed authorisation\"); "
                    + "choose KEEP_WAITING, or CANCEL");
        }
        Object note = execution.getVariable(OrderProcess.VAR_OPS_NOTE);
        if (note != null && !(note instanceof String)) {
            throw TaskFormRefusal.refused(OrderProcess.VAR_OPS_NOTE, "must be text, not " + note.getClass().getSimpleName());
        }
        if (note != null && note.toString().length() > NOTE_MAX_LENGTH) {
            throw TaskFormRefusal.refused(OrderProcess.VAR_OPS_NOTE, "must be at most " + NOTE_MAX_LENGTH + " characters");
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("decision", decision);
        Object newEta = execution.getVariable(OrderProcess.VAR_NEW_ETA);
        if (OpsDecision.KEEP_WAITING.name().equals(decision) && newEta != null) {
            chosen.put("newEta", newEta.toString());
        }
        if (note != null && !note.toString().isBlank()) {
            chosen.put("note", note.toString());
        }
        log.record(execution, "Resolve delayed backorder", chosen);
    }
}
