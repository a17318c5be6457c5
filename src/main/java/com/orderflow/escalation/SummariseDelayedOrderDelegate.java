package com.orderflow.escalation;

import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_SummariseDelayedOrder}: what ops need to decide ({@link DelayedOrderSummary}), as
 * variables of the "Ops resolution" scope that the form {@code resolveDelayedBackorder} shows. Records
 * {@code ESCALATED} on the timeline, and clears the previous round's decision.
 */
@Component
public class SummariseDelayedOrderDelegate implements JavaDelegate {

    private final DelayedOrderSummary summary;
    private final Timeline timeline;

    public SummariseDelayedOrderDelegate(DelayedOrderSummary summary, Timeline timeline) {
        this.summary = summary;
        this.timeline = timeline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Map<String, Object> variables = summary.of(orderId);
        execution.setVariablesLocal(variables);
        // A decision lands on the order's process, and Tasklist fills a form's fields from variables of the
        // same name: an order back with ops opened with the last round's decision, date and note filled in,
        // ready to be sent again unread. Each round is decided afresh; the timeline keeps the earlier ones.
        execution.removeVariables(List.of(OrderProcess.VAR_OPS_DECISION, OrderProcess.VAR_NEW_ETA, OrderProcess.VAR_OPS_NOTE));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", "ops");
        details.put("delayNotices", variables.get("delayNoticesSent"));
        details.put("waitedDays", variables.get("waitedDays"));
        details.put("waited", variables.get("waited"));
        // Which bar it crossed: ops otherwise worked it out from the two figures.
        details.put("waitedTooLong", Boolean.TRUE.equals(execution.getVariable(OrderProcess.VAR_WAITED_TOO_LONG)));
        // An order ops kept waiting may come back to them: each escalation is an entry of its own.
        timeline.record(orderId, TimelineType.ESCALATED, details, "escalated:" + orderId + ":" + execution.getId());
    }
}
