package com.orderflow.order;

import com.orderflow.shipping.ParcelCollection;
import com.orderflow.shipping.ShipmentRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Moves an order's status as its steps complete, and writes the matching timeline entries. */
@Component
public class OrderProgress {

    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final Timeline timeline;
    private final ParcelCollection parcelCollection;

    public OrderProgress(OrderRepository orders, ShipmentRepository shipments, Timeline timeline,
                         ParcelCollection parcelCollection) {
        this.orders = orders;
        this.shipments = shipments;
        this.timeline = timeline;
        this.parcelCollection = parcelCollection;
    }

    /**
     * Books units of a dispatched shipment as shipped and updates the order's status. Answers whether
     * the order is now shipped in full.
     */
    public boolean shipped(Order locked, String shipmentId, List<ShippedUnits> units, Map<String, ?> details) {
        for (ShippedUnits shipped : units) {
            orders.ship(locked.id(), shipped.lineNo(), shipped.quantity());
        }
        return recordShipment(locked, shipmentId, units, details);
    }

    /** Books backordered units the supplier shipped straight to the customer; answers whether the order is shipped in full. */
    public boolean shippedByDropShip(Order locked, String shipmentId, List<ShippedUnits> units, Map<String, ?> details) {
        for (ShippedUnits shipped : units) {
            orders.shipFromBackorder(locked.id(), shipped.lineNo(), shipped.quantity());
        }
        return recordShipment(locked, shipmentId, units, details);
    }

    /** The caller holds the order's lock, so the locked order's lines less these units are its lines now. */
    private boolean recordShipment(Order locked, String shipmentId, List<ShippedUnits> units, Map<String, ?> details) {
        Map<Integer, Integer> shippedByLine = new HashMap<>();
        units.forEach(shipped -> shippedByLine.merge(shipped.lineNo(), shipped.quantity(), Integer::sum));
        boolean complete = locked.lines().stream()
                .allMatch(l -> l.open() - shippedByLine.getOrDefault(l.lineNo(), 0) == 0);
        orders.updateStatus(locked.id(), complete ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED, null);
        timeline.record(locked.id(), TimelineType.SHIPPED, details, "shipped:" + shipmentId);
        return complete;
    }

    /**
     * Decides what the waiting order does next, under its row and line locks: a goods receipt
     * allocating to this order either committed before (and is seen here) or waits until the order
     * has entered its wait state (and its wake-up then finds it there). An order whose payment lapsed
     * ships nothing.
     */
    public Next next(String orderId) {
        Order order = orders.lockWithLines(orderId).orElseThrow();
        Next next = next(order);
        // Shipping leads to a capture, which the provider refuses on a lapsed authorisation: the order
        // keeps its reserved stock and waits until ops get the payment authorised again or cancel it.
        return next.step() == NextStep.SHIP && order.paymentLapsed() ? new Next(NextStep.WAIT, null) : next;
    }

    private Next next(Order order) {
        String orderId = order.id();
        if (shipments.parcelsOf(orderId).stream().anyMatch(ShipmentRepository.Parcel::uncapturedDropShipment)) {
            return new Next(NextStep.SHIP, null);
        }
        NextStep step = nextStep(order);
        Instant closes = step == NextStep.SHIP ? parcelClosesAt(order).orElse(null) : null;
        if (closes != null) {
            // Ops saw ALLOCATED and then nothing until the parcel was packed up to a window later.
            timeline.record(orderId, TimelineType.PARCEL_COLLECTING, Map.of("until", closes.toString()),
                    "collecting:" + orderId + ":" + closes);
        }
        return new Next(step, closes);
    }

    /**
     * When the order's partial parcel closes while it still collects a delivery (see {@link ParcelCollection}); empty
     * when what it holds leaves now, or nothing is to leave. The order API shows it as {@code nextParcelAt}.
     */
    public Optional<Instant> parcelClosesAt(Order order) {
        // Backordered units first: an order just placed has neither reserved nor backordered ones yet.
        boolean partialParcel = !order.paymentLapsed() && order.lines().stream().anyMatch(l -> l.backordered() > 0)
                && nextStep(order) == NextStep.SHIP;
        return partialParcel ? parcelCollection.closesAt(order.id()) : Optional.empty();
    }

    private NextStep nextStep(Order order) {
        String orderId = order.id();
        if (order.cancelRequested()) {
            // Wait for the cancellation to interrupt the process; ship nothing more meanwhile.
            return NextStep.WAIT;
        }
        if (order.lines().stream().allMatch(l -> l.open() == 0)) {
            return NextStep.DONE;
        }
        boolean anyReserved = order.lines().stream().anyMatch(l -> l.reserved() > 0);
        boolean anyBackordered = order.lines().stream().anyMatch(l -> l.backordered() > 0);
        if (!anyReserved && !anyBackordered) {
            throw new IllegalStateException("Order " + orderId + " has open units that are neither reserved nor backordered");
        }
        if (anyReserved && (!anyBackordered || order.shipPolicy() == ShipPolicy.PARTIAL)) {
            return NextStep.SHIP;
        }
        return NextStep.WAIT;
    }

    /**
     * Ends the order as cancelled after its compensation ran: whatever is still open (nothing, if
     * reservations were released and backorders withdrawn) is given up; shipped units stay shipped.
     */
    public void cancel(String orderId) {
        Order order = orders.lockWithLines(orderId).orElseThrow();
        if (order.status() == OrderStatus.CANCELLED) {
            return;
        }
        for (OrderLine line : order.lines()) {
            int unhandled = line.quantity() - line.reserved() - line.backordered() - line.shipped() - line.cancelled();
            if (line.reserved() + line.backordered() + unhandled > 0) {
                orders.cancelUnits(orderId, line.lineNo(), line.reserved(), line.backordered(), unhandled);
            }
        }
        List<OrderLine> after = orders.lines(orderId);
        orders.updateStatus(orderId, OrderStatus.CANCELLED, null);
        if (order.paymentLapsed()) {
            orders.clearPaymentLapse(orderId);
        }
        timeline.record(orderId, TimelineType.CANCELLED, Map.of(
                "cancelledUnits", after.stream().mapToInt(OrderLine::cancelled).sum(),
                "shippedUnits", after.stream().mapToInt(OrderLine::shipped).sum()), "cancelled:" + orderId);
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

    /**
     * What the waiting order does next; {@code parcelClosesAt}: a partial parcel that may still
     * collect units of a delivery being booked leaves then (null: it leaves now).
     */
    public record Next(NextStep step, Instant parcelClosesAt) {
    }

    /** What a waiting order does next: ship what is reserved, keep waiting, or finish. */
    public enum NextStep {
        SHIP, WAIT, DONE
    }
}
