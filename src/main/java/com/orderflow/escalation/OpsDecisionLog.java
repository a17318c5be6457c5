package com.orderflow.escalation;

import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.CurrentUser;
import com.orderflow.process.OrderProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Puts an ops decision on the order's timeline, with who made it. Without it a cancellation decided in
 * Tasklist read like the shop's API call, and "ship what is available" left no trace of the decision.
 */
@Component
public class OpsDecisionLog {

    private final Timeline timeline;

    public OpsDecisionLog(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Runs in the task's completion; {@code decision} holds what ops chose (never a payment token). */
    public void record(DelegateExecution execution, String task, Map<String, ?> decision) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task", task);
        details.putAll(decision);
        details.put("by", CurrentUser.of(execution).orElse("unknown"));
        timeline.record((String) execution.getVariable(OrderProcess.VAR_ORDER_ID), TimelineType.OPS_DECIDED, details, null);
    }
}
