package com.orderflow.replenishment;

import com.orderflow.api.ConflictException;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderMetrics;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaBasis;
import com.orderflow.backorder.EtaEstimator;
import com.orderflow.inventory.StockRepository;
import com.orderflow.notification.CustomerNotifier;
import com.orderflow.notification.NoticeKind;
import com.orderflow.order.Order;
import com.orderflow.order.OrderProgress;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderResumption;
import com.orderflow.process.ReplenishmentProcess;
import com.orderflow.shipping.ShipmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A purchase order's life after collection: placed with the supplier, confirmed or delayed (each
 * moving the ETA of exactly the backorders it covers), received in one or more receipts, or for a
 * drop-ship supplier dispatched straight to the customer.
 */
@Service
public class PurchaseOrderService {

    private final PurchaseOrderRepository purchaseOrders;
    private final SupplierRepository suppliers;
    private final SupplierGateway supplierGateway;
    private final SupplierHistory history;
    private final EtaEstimator etas;
    private final BackorderRepository backorders;
    private final OrderRepository orders;
    private final ShipmentService shipments;
    private final CustomerNotifier notifier;
    private final Timeline timeline;
    private final OrderResumption resumption;
    private final RuntimeService runtime;
    private final ReplenishmentSettings settings;
    private final BackorderMetrics metrics;
    private final StockRepository stock;
    private final Clock clock;

    public PurchaseOrderService(PurchaseOrderRepository purchaseOrders, SupplierRepository suppliers,
                                SupplierGateway supplierGateway, SupplierHistory history, EtaEstimator etas,
                                BackorderRepository backorders, OrderRepository orders, ShipmentService shipments,
                                CustomerNotifier notifier, Timeline timeline, OrderResumption resumption,
                                RuntimeService runtime,
                                ReplenishmentSettings settings, BackorderMetrics metrics, StockRepository stock,
                                Clock clock) {
        this.purchaseOrders = purchaseOrders;
        this.suppliers = suppliers;
        this.supplierGateway = supplierGateway;
        this.history = history;
        this.etas = etas;
        this.backorders = backorders;
        this.orders = orders;
        this.shipments = shipments;
        this.notifier = notifier;
        this.timeline = timeline;
        this.resumption = resumption;
        this.runtime = runtime;
        this.settings = settings;
        this.metrics = metrics;
        this.stock = stock;
        this.clock = clock;
    }

    public PurchaseOrder find(String id) {
        return purchaseOrders.find(id).orElseThrow(() -> new NotFoundException("No purchase order " + id));
    }

    /** See {@link PurchaseOrderRepository#bringing}. */
    public List<String> bringing(String sku) {
        return purchaseOrders.bringing(sku);
    }

    public PurchaseOrderRepository.Page list(PurchaseOrderFilter by, int firstResult, int maxResults) {
        return purchaseOrders.list(by, firstResult, maxResults);
    }

    /**
     * Places the collected batch. Below the supplier's minimum the batch is topped up on its largest
     * line (the surplus goes to free stock on receipt). The supplier call carries the purchase order
     * id as idempotency key, so a retried step never orders twice.
     */
    public void place(String id) {
        PurchaseOrder batch = lockWithItsStock(id).orElseThrow();
        if (batch.status() != PurchaseOrderStatus.COLLECTING) {
            return;
        }
        if (batch.totalQuantity() == 0) {
            purchaseOrders.markCancelled(id);
            return;
        }
        // A product whose demand was all taken off the batch (cancelled, or filled by other goods) is not ordered.
        purchaseOrders.dropEmptyLines(id);
        Supplier supplier = suppliers.find(batch.supplierId()).orElseThrow();
        List<PurchaseOrderLine> lines = new ArrayList<>(purchaseOrders.lines(id));
        int shortOfMinimum = supplier.minOrderQuantity() - batch.totalQuantity();
        if (!batch.dropShip() && shortOfMinimum > 0) {
            PurchaseOrderLine largest = lines.stream().max(Comparator.comparingInt(PurchaseOrderLine::quantity)).orElseThrow();
            purchaseOrders.setLineQuantity(id, largest.sku(), largest.quantity() + shortOfMinimum);
            lines.set(lines.indexOf(largest),
                    new PurchaseOrderLine(largest.sku(), largest.quantity() + shortOfMinimum, largest.received()));
        }
        String reference = supplierGateway.placeOrder("purchase-order:" + id, supplier.id(), lines, batch.dropShip());
        Instant placedAt = clock.instant();
        Eta eta = etas.fromLeadTime(supplier, placedAt);
        purchaseOrders.markPlaced(id, reference, eta.at(), eta.basis().name(), placedAt.plus(supplier.leadTime()));
        // Placed a moment after the window closed, every date is that moment later: those orders keep their timers,
        // which find the ETA not yet passed. A date later than that (the supplier's lead time lengthened, or its
        // history learned later, while the batch collected) is news: a customer told it only on the old date heard
        // weeks late what was known at placement. An earlier one (the minimum reached early) moves the timer.
        Duration lag = batch.windowClosesAt() == null || placedAt.isBefore(batch.windowClosesAt()) ? Duration.ZERO
                : Duration.between(batch.windowClosesAt(), placedAt);
        Set<String> moved = new LinkedHashSet<>();
        for (long backorderId : purchaseOrders.coveredBackorders(id)) {
            Backorder backorder = backorders.find(backorderId).orElseThrow();
            backorders.moveEta(backorderId, eta);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("purchaseOrderId", id);
            details.put("sku", backorder.sku());
            details.put("quantity", backorder.openQuantity());
            if (backorder.eta() != null && !backorder.eta().equals(eta.at())) {
                // Support read a date three days later with nothing saying it had moved, or from what.
                details.put("previousEta", backorder.eta().toString());
            }
            details.put("eta", eta.at().toString());
            details.put("etaBasis", eta.basis().name());
            timeline.record(backorder.orderId(), TimelineType.PURCHASE_ORDERED, details, "purchase-ordered:" + id + ":" + backorderId);
            if (backorder.eta() == null || eta.at().isBefore(backorder.eta()) || eta.at().isAfter(backorder.eta().plus(lag))) {
                moved.add(backorder.orderId());
            }
        }
        resumption.etaChanged(moved);
    }

    public PurchaseOrder confirm(String id, Instant eta) {
        PurchaseOrder purchaseOrder = lockOpen(id);
        purchaseOrders.markConfirmed(id, eta);
        moveEtas(purchaseOrder, new Eta(eta, EtaBasis.PURCHASE_ORDER), "supplier confirmed");
        correlate(ReplenishmentProcess.MESSAGE_SUPPLIER_CONFIRMED, id);
        return find(id);
    }

    /** @throws InvalidInputException naming {@code newEta} when it is no later than the purchase order's ETA */
    public PurchaseOrder delay(String id, Instant newEta, String reason) {
        PurchaseOrder purchaseOrder = lockOpen(id);
        boolean unconfirmed = purchaseOrder.status() == PurchaseOrderStatus.PLACED;
        // Before it confirmed, the supplier's word is its lead time's date: our learned ETA may be later still, and a
        // supplier late against its promise but sooner than we expected was told to confirm the late date, which
        // then became the promise it is scored by.
        Instant against = unconfirmed ? promised(purchaseOrder) : purchaseOrder.eta();
        if (against != null && !newEta.isAfter(against)) {
            // Customers would get a delay notice for an earlier date; a date brought forward is a confirmation.
            throw new InvalidInputException("newEta", "must be later than " + (unconfirmed
                    ? "the date the supplier's lead time promised, " : "the purchase order's ETA ") + against
                    + "; confirm an earlier date instead");
        }
        // A supplier that answers an order it never confirmed with a later date has answered it: the purchase
        // order is confirmed (late against the lead time's date, which it is scored by), so ops stop chasing it
        // and its goods are watched for overdue like any confirmed order's.
        if (unconfirmed) {
            // Its promise is the lead time's date: the purchase order's ETA may be our learned estimate, and
            // scoring the supplier against that made a chronically late supplier look punctual.
            purchaseOrders.markConfirmed(id, promised(purchaseOrder));
        }
        // The supplier's own date now, as its orders' ETAs say; the purchase order said LEAD_TIME still.
        purchaseOrders.moveEta(id, newEta, EtaBasis.PURCHASE_ORDER.name(), reason);
        moveEtas(purchaseOrder, new Eta(newEta, EtaBasis.PURCHASE_ORDER), reason);
        correlate(unconfirmed ? ReplenishmentProcess.MESSAGE_SUPPLIER_CONFIRMED : ReplenishmentProcess.MESSAGE_SUPPLIER_DELAY, id);
        return find(id);
    }

    /**
     * Closes a warehouse purchase order whose rest will not come, under its products' stock locks (the
     * replanning of its backorders that follows needs them). Its process ends as after its last receipt.
     */
    public PurchaseOrder closeShort(String id, String reason) {
        PurchaseOrder purchaseOrder = lockOpen(id);
        if (purchaseOrder.dropShip()) {
            throw new ConflictException("Purchase order " + id + " is drop-shipped: it ends with its parcel (dispatch) or"
                    + " its order's cancellation");
        }
        purchaseOrders.markClosed(id, reason);
        history.recordClosedShort(id, purchaseOrder.supplierId(), promised(purchaseOrder), clock.instant());
        delivered(purchaseOrder);
        return find(id);
    }

    /** The goods are overdue past the grace period: expect them one grace period from now. */
    public void recordOverdue(String id) {
        PurchaseOrder purchaseOrder = lockWithItsStock(id).orElseThrow();
        if (!purchaseOrder.isOpen() || purchaseOrder.fullyReceived()) {
            return;
        }
        Instant newEta = clock.instant().plus(settings.getReceiptGrace());
        String reason = "overdue: no goods received by " + purchaseOrder.eta();
        purchaseOrders.moveEta(id, newEta, purchaseOrder.etaBasis(), reason);
        moveEtas(purchaseOrder, new Eta(newEta, EtaBasis.valueOf(purchaseOrder.etaBasis())), reason, true);
    }

    /**
     * Books received units against the purchase order, in the receipt's transaction. Each receipt
     * moves the supplier's delivery date in its history to the latest part; the last closes the
     * purchase order. Answers the units beyond what the line still expected: they are booked (they are
     * on the shelf), and the warehouse is told so it can query the delivery with the supplier.
     */
    public int receive(String id, String sku, int quantity) {
        return receive(id, sku, quantity, clock.instant());
    }

    /** As {@link #receive(String, String, int)}, for goods that arrived at {@code receivedAt}. */
    public int receive(String id, String sku, int quantity, Instant receivedAt) {
        PurchaseOrder purchaseOrder = purchaseOrders.lock(id)
                .orElseThrow(() -> new InvalidInputException("purchaseOrderId", "names no known purchase order"));
        if (purchaseOrder.dropShip()) {
            throw new ConflictException("Purchase order " + id + " is drop-shipped to the customer; nothing is received");
        }
        if (!purchaseOrder.isOpen()) {
            throw new ConflictException("Purchase order " + id + " is " + purchaseOrder.status() + " and takes no receipts");
        }
        PurchaseOrderLine line = purchaseOrder.lines().stream().filter(candidate -> candidate.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new InvalidInputException("sku", "is not on purchase order " + id));
        if (purchaseOrders.receive(id, sku, quantity)) {
            history.recordDelivery(id, purchaseOrder.supplierId(), promised(purchaseOrder), receivedAt);
        } else {
            history.recordLaterPart(id, receivedAt);
        }
        if (purchaseOrders.find(id).orElseThrow().fullyReceived()) {
            purchaseOrders.close(id, null);
        } else {
            purchaseOrders.confirmByDelivery(id);
        }
        delivered(purchaseOrder);
        return Math.max(0, quantity - Math.max(0, line.quantity() - line.received()));
    }

    /** The supplier shipped a drop-ship purchase order to the customer: those units count as shipped. */
    @Transactional
    public PurchaseOrder dispatchDropShip(String id, String trackingNumber, String reportedBy) {
        // The covered orders before the purchase order: a cancellation holds its order's row when it
        // withdraws the order's demand from the purchase order (BackorderService.withdraw).
        List<Order> covered = purchaseOrders.coveredBackorders(id).stream()
                .map(backorderId -> backorders.find(backorderId).orElseThrow().orderId())
                .sorted().distinct().map(orderId -> orders.lock(orderId).orElseThrow()).toList();
        PurchaseOrder locked = lockWithItsStock(id).orElseThrow(() -> new NotFoundException("No purchase order " + id));
        if (locked.dropShip() && locked.status() == PurchaseOrderStatus.RECEIVED && trackingNumber.equals(locked.trackingNumber())) {
            // The supplier's system sent the same parcel again (its retry after a lost answer): booked already.
            return locked;
        }
        PurchaseOrder purchaseOrder = requireOpen(locked);
        if (!purchaseOrder.dropShip()) {
            throw new ConflictException("Purchase order " + id + " is delivered to the warehouse; record a receipt instead");
        }
        // The cancellation was recorded first, under the same lock, and decides the race as a warehouse
        // dispatch does; booking the parcel anyway charged it and then told the customer "cancelled".
        for (Order order : covered) {
            if (order.cancelRequested()) {
                throw new ConflictException("Purchase order " + id + " is for order " + order.id() + ", whose cancellation"
                        + " was requested before this parcel was reported. Nothing is booked; settle the parcel ("
                        + trackingNumber + ") with the supplier and the customer");
            }
        }
        if (purchaseOrders.coveredBackorders(id).isEmpty()) {
            // The order it was for was cancelled (its backorders withdrawn): booking the parcel would mark the
            // purchase order received with nothing shipped, charged or told, as if all were well.
            String status = purchaseOrder.orderId() == null ? "gone"
                    : orders.find(purchaseOrder.orderId()).map(o -> o.status().name()).orElse("gone");
            throw new ConflictException("Purchase order " + id + " covers nothing any more: order " + purchaseOrder.orderId()
                    + " is " + status + ". Nothing is booked; settle the parcel (" + trackingNumber
                    + ") with the supplier and the customer");
        }
        Supplier supplier = suppliers.find(purchaseOrder.supplierId()).orElseThrow();
        // One parcel per order the purchase order covers: its lines in one shipment, charged and announced once.
        Map<String, List<OrderProgress.ShippedUnits>> parcels = new LinkedHashMap<>();
        for (long backorderId : purchaseOrders.coveredBackorders(id)) {
            Backorder backorder = backorders.find(backorderId).orElseThrow();
            backorders.fillDirectly(backorderId);
            metrics.filled(backorder.orderedAt());
            parcels.computeIfAbsent(backorder.orderId(), order -> new ArrayList<>())
                    .add(new OrderProgress.ShippedUnits(backorder.lineNo(), backorder.openQuantity()));
        }
        Set<String> held = covered.stream().filter(Order::paymentLapsed).map(Order::id).collect(Collectors.toSet());
        parcels.forEach((orderId, units) -> {
            ShipmentService.DropShipment parcel = shipments.recordDropShipment(orderId, units, id, supplier.name(), trackingNumber,
                    reportedBy);
            if (held.contains(orderId)) {
                // A held order's shipment notice follows its capture, which waits for a new authorisation; the
                // customer has the parcel now and is told now (the notice says it is not charged yet).
                notifier.notify(orderId, parcel.orderComplete() ? NoticeKind.SHIPPED : NoticeKind.PARTIALLY_SHIPPED,
                        parcel.shipmentId());
            }
        });
        Set<String> ordersShipped = parcels.keySet();
        purchaseOrder.lines().forEach(line -> purchaseOrders.receive(id, line.sku(), line.quantity() - line.received()));
        history.recordDelivery(id, purchaseOrder.supplierId(), promised(purchaseOrder), clock.instant());
        purchaseOrders.close(id, trackingNumber);
        delivered(purchaseOrder);
        resumption.stockAllocated(List.copyOf(ordersShipped));
        return find(id);
    }

    /**
     * A cancelled backorder takes its demand out of a batch that is still collecting; once placed,
     * a warehouse purchase order stands and its goods go to stock or to the next in the queue. A
     * drop-ship purchase order ships to one customer only: once none of its demand is left, its
     * process is told to cancel it with the supplier.
     */
    public void withdraw(long backorderId) {
        purchaseOrders.demandOf(backorderId)
                .filter(demand -> "ACTIVE".equals(demand.status()))
                .ifPresent(demand -> {
                    PurchaseOrder purchaseOrder = purchaseOrders.lock(demand.purchaseOrderId()).orElseThrow();
                    if (purchaseOrder.status() == PurchaseOrderStatus.COLLECTING) {
                        purchaseOrders.takeOffBatch(demand, demand.quantity());
                    } else if (purchaseOrder.dropShip() && purchaseOrder.isOpen()) {
                        purchaseOrders.withdrawDemand(demand.id());
                        if (purchaseOrders.coveredBackorders(purchaseOrder.id()).isEmpty()) {
                            correlate(ReplenishmentProcess.MESSAGE_PURCHASE_ORDER_WITHDRAWN, purchaseOrder.id());
                        }
                    }
                });
    }

    /**
     * Cancels a withdrawn drop-ship purchase order with its supplier. A purchase order the supplier
     * reported dispatched meanwhile is closed already and left alone; the cancellation key makes a
     * retried step cancel once.
     */
    public void cancelWithSupplier(String id) {
        PurchaseOrder purchaseOrder = purchaseOrders.lock(id).orElseThrow();
        if (!purchaseOrder.isOpen() || !purchaseOrders.coveredBackorders(id).isEmpty()) {
            return;
        }
        supplierGateway.cancelOrder("cancel-purchase-order:" + id, purchaseOrder.supplierId(), purchaseOrder.supplierReference());
        purchaseOrders.markCancelled(id);
    }

    /** A process still waiting for the confirmation learns it from the delivery itself. */
    private void delivered(PurchaseOrder before) {
        if (before.confirmedAt() == null) {
            correlate(ReplenishmentProcess.MESSAGE_SUPPLIER_CONFIRMED, before.id());
        }
        correlate(ReplenishmentProcess.MESSAGE_GOODS_RECEIVED, before.id());
    }

    private PurchaseOrder lockOpen(String id) {
        return requireOpen(lockWithItsStock(id).orElseThrow(() -> new NotFoundException("No purchase order " + id)));
    }

    private static PurchaseOrder requireOpen(PurchaseOrder purchaseOrder) {
        String id = purchaseOrder.id();
        if (!purchaseOrder.isOpen()) {
            throw new ConflictException("Purchase order " + id + " is " + purchaseOrder.status()
                    + (purchaseOrder.status() == PurchaseOrderStatus.COLLECTING ? " and not yet placed" : ""));
        }
        return purchaseOrder;
    }

    /**
     * Locks the purchase order after the stock rows of its products, the order receipts take them in
     * (stock, purchase order, backorders in queue order). Moving its orders' ETAs locked the backorders in
     * id order with no stock lock first, and a receipt of the same product deadlocked with it: the receipt
     * answered 503, and the placement waited for its retry.
     */
    private Optional<PurchaseOrder> lockWithItsStock(String id) {
        List<String> skus = purchaseOrders.find(id).map(po -> po.lines().stream().map(PurchaseOrderLine::sku).toList())
                .orElse(List.of());
        if (!skus.isEmpty()) {
            stock.lock(skus);
        }
        return purchaseOrders.lock(id);
    }

    /**
     * What the supplier itself promised: its first confirmation, or else its nominal lead time from
     * placement, as the terms were when it was placed (a lead time changed since re-scored orders already
     * on their way). Never the purchase order's ETA: that is our learned estimate (measuring against it
     * made the learning undo itself) or the supplier's latest delay (which made chronic lateness
     * look punctual).
     */
    private Instant promised(PurchaseOrder purchaseOrder) {
        if (purchaseOrder.promisedEta() != null) {
            return purchaseOrder.promisedEta();
        }
        if (purchaseOrder.leadTimeEta() != null) {
            return purchaseOrder.leadTimeEta();
        }
        // Placed before the lead time's date was kept (migration V29): the lead time as it is now.
        return purchaseOrder.placedAt().plus(suppliers.find(purchaseOrder.supplierId()).orElseThrow().leadTime());
    }

    /** Moves the ETA of exactly the backorders this purchase order covers, and tells their orders. */
    private void moveEtas(PurchaseOrder purchaseOrder, Eta eta, String reason) {
        moveEtas(purchaseOrder, eta, reason, false);
    }

    /**
     * As {@link #moveEtas(PurchaseOrder, Eta, String)}; {@code laterOnly} for a date that is ours, not the supplier's:
     * a late purchase order's overdue date moves no backorder earlier. Its order had moved a passed date on by
     * the overdue step already, and the shop's ETA went three days on, one back, three on again.
     */
    private void moveEtas(PurchaseOrder purchaseOrder, Eta eta, String reason, boolean laterOnly) {
        Set<String> affected = new LinkedHashSet<>();
        for (long backorderId : purchaseOrders.coveredBackorders(purchaseOrder.id())) {
            Backorder backorder = backorders.find(backorderId).orElseThrow();
            if (eta.at().equals(backorder.eta()) && eta.basis() == backorder.etaBasis()) {
                // The same date again (a supplier's system confirming twice): nothing changed for the order.
                continue;
            }
            if (laterOnly && backorder.eta() != null && !eta.at().isAfter(backorder.eta())) {
                continue;
            }
            backorders.moveEta(backorderId, eta);
            timeline.record(backorder.orderId(), TimelineType.ETA_CHANGED,
                    EtaChangeDetails.of(backorder, purchaseOrder.id(), eta, reason), null);
            affected.add(backorder.orderId());
        }
        resumption.etaChanged(affected);
    }

    private void correlate(String message, String purchaseOrderId) {
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(purchaseOrderId).correlateAll();
    }
}
