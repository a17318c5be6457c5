package com.orderflow.order;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts on the order's timeline that one of its steps used up its retries and waits for ops: until ops retry it in
 * Cockpit the order stays as it was, and the shop, polling {@code ACCEPTED} and payment {@code PENDING}, could not
 * tell an order stuck at its payment from one a moment old.
 */
@Component
public class StepIncidents {

    private final OrderRepository orders;
    private final Timeline timeline;

    public StepIncidents(OrderRepository orders, Timeline timeline) {
        this.orders = orders;
        this.timeline = timeline;
    }

    /** Records {@code ESCALATED} to ops naming the step, once per failed job; nothing for an id that is no order. */
    public void stepFailed(String orderId, String step, String jobId) {
        // A process started by hand in Cockpit may carry any business key; a timeline row needs its order.
        if (!orders.exists(orderId)) {
            return;
        }
        timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", "ops", "step", step,
                "reason", "a step failed after its retries and waits for ops, who retry it in Cockpit"), "incident:" + jobId);
    }
}
