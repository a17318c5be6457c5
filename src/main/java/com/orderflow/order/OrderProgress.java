package com.orderflow.order;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Moves an order's status as its steps complete, and writes the matching timeline entries. */
@Component
public class OrderProgress {

    private final OrderRepository orders;
    private final Timeline timeline;

    public OrderProgress(OrderRepository orders, Timeline timeline) {
        this.orders = orders;
        this.timeline = timeline;
    }

    /** Books units of a dispatched shipment as shipped and updates the order's status. */
    public void shipped(String orderId, String shipmentId, List<ShippedUnits> units, Map<String, ?> details) {
        for (ShippedUnits shipped : units) {
            orders.ship(orderId, shipped.lineNo(), shipped.quantity());
        }
        List<OrderLine> lines = orders.lines(orderId);
        boolean complete = lines.stream().allMatch(l -> l.open() == 0);
        orders.updateStatus(orderId, complete ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED, null);
        timeline.record(orderId, TimelineType.SHIPPED, details, "shipped:" + shipmentId);
    }

    public void reject(String orderId, String reason, String detail) {
        Order order = orders.lock(orderId).orElseThrow();
        if (order.status() == OrderStatus.REJECTED) {
            return;
        }
        orders.updateStatus(orderId, OrderStatus.REJECTED, reason);
        timeline.record(orderId, TimelineType.REJECTED,
                detail == null ? Map.of("reason", reason) : Map.of("reason", reason, "detail", detail),
                "rejected:" + orderId);
    }

    public record ShippedUnits(int lineNo, int quantity) {
    }
}
