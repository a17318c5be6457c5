package com.orderflow.replenishment;

import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts on the timeline of every order a purchase order is to fill that a step of it (placing it with the supplier,
 * say) used up its retries and waits for ops: the incident was on the purchase order's process only, and support,
 * reading an order whose e-mail promised a date from the supplier's lead time, saw nothing wrong.
 */
@Component
public class PurchaseOrderIncidents {

    private final PurchaseOrderRepository purchaseOrders;
    private final Timeline timeline;

    public PurchaseOrderIncidents(PurchaseOrderRepository purchaseOrders, Timeline timeline) {
        this.purchaseOrders = purchaseOrders;
        this.timeline = timeline;
    }

    /** Records {@code ESCALATED} to ops on each waiting order, once per failed job. */
    public void stepFailed(String purchaseOrderId, String step, String jobId) {
        for (String orderId : purchaseOrders.waitingOrders(purchaseOrderId)) {
            timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", "ops", "step", step,
                    "purchaseOrderId", purchaseOrderId, "reason", "purchase order " + purchaseOrderId
                            + ", which is to fill this order, waits for ops: a step failed after its retries"),
                    "incident:" + jobId + ":" + orderId);
        }
    }
}
