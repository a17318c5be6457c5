package com.orderflow.shipping;

import com.orderflow.inventory.InventoryService;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderProgress;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.shipping.ShipmentRepository.Parcel;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

@Service
public class ShipmentService {

    private final ShipmentRepository shipments;
    private final OrderRepository orders;
    private final OrderProgress progress;
    private final InventoryService inventory;
    private final Carrier carrier;
    private final Timeline timeline;

    public ShipmentService(ShipmentRepository shipments, OrderRepository orders, OrderProgress progress,
                           InventoryService inventory, Carrier carrier, Timeline timeline) {
        this.shipments = shipments;
        this.orders = orders;
        this.progress = progress;
        this.inventory = inventory;
        this.carrier = carrier;
        this.timeline = timeline;
    }

    /**
     * Packs every reserved unit of the order into a shipment. A shipment packed earlier and not yet
     * dispatched is reused, so running the step again packs nothing twice.
     */
    public String pack(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        List<Parcel> parcels = shipments.parcelsOf(orderId);
        // A drop shipment the supplier already sent only needs charging: nothing to pick.
        Optional<Parcel> reusable = parcels.stream().filter(Parcel::uncapturedDropShipment).findFirst()
                .or(() -> parcels.stream().filter(p -> "PACKED".equals(p.status())).findFirst());
        if (reusable.isPresent()) {
            return reusable.get().id();
        }
        List<ShipmentLine> lines = order.lines().stream().filter(l -> l.reserved() > 0)
                .map(l -> new ShipmentLine(l.lineNo(), l.sku(), l.reserved(), l.unitPrice())).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("Order " + orderId + " has nothing reserved to pack");
        }
        int seq = parcels.stream().mapToInt(Parcel::seq).max().orElse(0) + 1;
        String id = orderId + "-S" + seq;
        shipments.insert(new Shipment(id, orderId, seq, "PACKED", null, null, lines));
        timeline.record(orderId, TimelineType.PACKED, Map.of("shipmentId", id, "lines", describe(lines)), "packed:" + id);
        return id;
    }

    /**
     * Hands the shipment to the carrier (keyed by shipment id) and books its units as shipped.
     * Answers whether the order is now shipped in full.
     */
    public boolean dispatch(String orderId, String shipmentId) {
        // The order's row lock decides a race with cancellation: once it is requested, nothing leaves.
        // Every change to a shipment is made under it too, so the shipment read after it is current.
        Order order = orders.lock(orderId).orElseThrow();
        Shipment shipment = shipments.find(shipmentId).orElseThrow();
        if (!shipment.orderId().equals(orderId)) {
            throw new IllegalArgumentException("Shipment " + shipmentId + " belongs to order " + shipment.orderId());
        }
        if (!"PACKED".equals(shipment.status()) || order.cancelRequested()) {
            // A drop shipment is charged on this pass; another one still uncharged (two suppliers' parcels
            // reported before the order woke) keeps the order going, or its money was never captured.
            return order.lines().stream().allMatch(line -> line.open() == 0) && shipments.parcelsOf(orderId).stream()
                    .noneMatch(parcel -> !parcel.id().equals(shipmentId) && parcel.uncapturedDropShipment());
        }
        String trackingNumber = carrier.dispatch("dispatch:" + shipmentId, shipment.orderId(), shipment.lines());
        shipments.markDispatched(shipmentId, carrier.name(), trackingNumber);
        inventory.consumeReserved(shipment.lines().stream()
                .collect(Collectors.toMap(ShipmentLine::sku, ShipmentLine::quantity, Integer::sum)));
        return progress.shipped(order, shipmentId,
                shipment.lines().stream().map(l -> new OrderProgress.ShippedUnits(l.lineNo(), l.quantity())).toList(),
                Map.of("shipmentId", shipmentId, "carrier", carrier.name(), "trackingNumber", trackingNumber,
                        "lines", describe(shipment.lines())));
    }

    /**
     * Records the units of the order a drop-ship supplier sent in one parcel (one purchase order) as one
     * dispatched shipment: one capture and one notice for it.
     */
    public DropShipment recordDropShipment(String orderId, List<OrderProgress.ShippedUnits> units, String purchaseOrderId,
                                   String supplierName, String trackingNumber, String reportedBy) {
        Order order = orders.lock(orderId).orElseThrow();
        Map<Integer, OrderLine> byLine = order.lines().stream().collect(Collectors.toMap(OrderLine::lineNo, l -> l));
        int seq = shipments.nextSeq(orderId);
        String id = orderId + "-S" + seq;
        List<ShipmentLine> lines = units.stream().map(u -> new ShipmentLine(u.lineNo(), byLine.get(u.lineNo()).sku(),
                u.quantity(), byLine.get(u.lineNo()).unitPrice())).toList();
        shipments.insertDropShipment(new Shipment(id, orderId, seq, "DISPATCHED", supplierName, trackingNumber, lines));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shipmentId", id);
        details.put("carrier", supplierName);
        details.put("trackingNumber", trackingNumber == null ? "" : trackingNumber);
        details.put("dropShip", true);
        details.put("purchaseOrderId", purchaseOrderId);
        // The supplier's word reaches the service through a user: the parcel is charged on it.
        details.put("reportedBy", reportedBy);
        details.put("lines", describe(lines));
        boolean complete = progress.shippedByDropShip(order, id, units, details);
        return new DropShipment(id, complete);
    }

    /** A drop-shipped parcel as booked, and whether it was the order's last. */
    public record DropShipment(String shipmentId, boolean orderComplete) {
    }

    /** See {@link ShipmentRepository#dispatchedUncaptured}. */
    public List<String> dispatchedUncaptured(String orderId) {
        return shipments.dispatchedUncaptured(orderId);
    }

    /** What the customer owes for a shipment: its value once it has left, nothing before. */
    public BigDecimal value(String shipmentId) {
        Shipment shipment = shipments.find(shipmentId).orElseThrow();
        return "DISPATCHED".equals(shipment.status()) ? shipment.value() : BigDecimal.ZERO;
    }

    private static List<Map<String, Object>> describe(List<ShipmentLine> lines) {
        return lines.stream().map(l -> Map.<String, Object>of("sku", l.sku(), "quantity", l.quantity())).toList();
    }
}
