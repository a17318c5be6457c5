package com.orderflow.replenishment;

import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaEstimator;
import com.orderflow.process.ReplenishmentProcess;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Turns a new backorder into supply. Inbound units nobody was promised yet come first; otherwise the
 * demand joins the supplier's collecting purchase order (a new one, with its own replenishment
 * process, when none is collecting), which is placed once the minimum order quantity is reached or
 * the batching window closes. Drop-ship demand gets a purchase order of its own, placed at once.
 * The supplier's row is locked, so concurrent backorders never open two batches for one supplier.
 */
@Service
public class ReplenishmentPlanner {

    private final SupplierRepository suppliers;
    private final PurchaseOrderRepository purchaseOrders;
    private final EtaEstimator etas;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ReplenishmentPlanner(SupplierRepository suppliers, PurchaseOrderRepository purchaseOrders,
                                EtaEstimator etas, RuntimeService runtime, JdbcClient jdbc, Clock clock) {
        this.suppliers = suppliers;
        this.purchaseOrders = purchaseOrders;
        this.etas = etas;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public PlannedSupply plan(long backorderId, String orderId, String sku, String supplierId, int quantity) {
        jdbc.sql("SELECT id FROM supplier WHERE id = ? FOR UPDATE").param(supplierId).query(String.class).single();
        Supplier supplier = suppliers.find(supplierId).orElseThrow();
        Instant now = clock.instant();
        if (supplier.dropShip()) {
            // One purchase order (one parcel) per customer order: the order's other lines of this supplier
            // join it while it is not yet placed, which is until the step planning them commits.
            Optional<String> sameOrder = purchaseOrders.collectingDropShipFor(supplierId, orderId)
                    .flatMap(purchaseOrders::lock)
                    .filter(collecting -> collecting.status() == PurchaseOrderStatus.COLLECTING)
                    .map(PurchaseOrder::id);
            String id;
            if (sameOrder.isPresent()) {
                id = sameOrder.get();
                purchaseOrders.addToLine(id, sku, quantity);
                purchaseOrders.addDemand(id, backorderId, orderId, sku, quantity);
            } else {
                id = newPurchaseOrder(supplier, true, orderId, now, backorderId, sku, quantity);
            }
            return new PlannedSupply(etas.fromLeadTime(supplier, now), true, id);
        }
        Optional<String> inbound = purchaseOrders.withUnpromisedUnits(sku, quantity).stream().findFirst();
        if (inbound.isPresent()) {
            purchaseOrders.addDemand(inbound.get(), backorderId, orderId, sku, quantity);
            return new PlannedSupply(etas.ofPurchaseOrder(purchaseOrders.find(inbound.get()).orElseThrow()), false,
                    inbound.get());
        }
        // Locking the batch keeps it from being placed while this demand joins it.
        Optional<PurchaseOrder> batch = purchaseOrders.collectingFor(supplierId)
                .flatMap(purchaseOrders::lock)
                .filter(collecting -> collecting.status() == PurchaseOrderStatus.COLLECTING);
        // Demand that reaches the supplier's minimum is ordered at once: the lead time counts from now, not
        // from the end of a window the batch no longer waits for.
        if (batch.isEmpty()) {
            Instant windowClosesAt = now.plus(supplier.batchingWindow());
            String id = newPurchaseOrder(supplier, false, orderId, windowClosesAt, backorderId, sku, quantity);
            Instant ordered = quantity >= supplier.minOrderQuantity() ? now : windowClosesAt;
            return new PlannedSupply(etas.fromLeadTime(supplier, ordered), false, id);
        }
        String id = batch.get().id();
        purchaseOrders.addToLine(id, sku, quantity);
        purchaseOrders.addDemand(id, backorderId, orderId, sku, quantity);
        if (batch.get().totalQuantity() + quantity >= supplier.minOrderQuantity()) {
            minimumReached(id);
            return new PlannedSupply(etas.fromLeadTime(supplier, now), false, id);
        }
        return new PlannedSupply(etas.fromLeadTime(supplier, batch.get().windowClosesAt()), false, id);
    }

    /** The new purchase order's process decides by itself, from its first demand, whether to place it at once. */
    private String newPurchaseOrder(Supplier supplier, boolean dropShip, String orderId, Instant windowClosesAt,
                                    long backorderId, String sku, int quantity) {
        String id = "PO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        purchaseOrders.insert(id, supplier.id(), dropShip, dropShip ? orderId : null, windowClosesAt);
        purchaseOrders.addToLine(id, sku, quantity);
        purchaseOrders.addDemand(id, backorderId, orderId, sku, quantity);
        String instanceId = runtime.startProcessInstanceByKey(ReplenishmentProcess.KEY, id,
                Map.of(ReplenishmentProcess.VAR_PURCHASE_ORDER_ID, id)).getId();
        purchaseOrders.setProcessInstanceId(id, instanceId);
        return id;
    }

    /**
     * The batch process waits for this or for its window to close; nothing happens if it no longer waits.
     * A batch started by this very step (an order whose lines reach the minimum together) has a wait the
     * correlation cannot see before the step commits: it gets the message from a correlation job after
     * the commit, rather than waiting out its whole window.
     */
    private void minimumReached(String purchaseOrderId) {
        boolean heard = !runtime.createMessageCorrelation(ReplenishmentProcess.MESSAGE_MINIMUM_REACHED)
                .processInstanceBusinessKey(purchaseOrderId)
                .correlateAllWithResult().isEmpty();
        if (heard) {
            return;
        }
        // Not waiting: either on its way to placement already (nothing to do), or started by this very step,
        // which the engine's own query cannot see yet either.
        String instanceId = purchaseOrders.processInstanceId(purchaseOrderId);
        if (instanceId != null && runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0) {
            runtime.createMessageCorrelationAsync(ReplenishmentProcess.MESSAGE_MINIMUM_REACHED)
                    .processInstanceIds(List.of(instanceId))
                    .correlateAllAsync();
        }
    }

    /** Where a backorder's units will come from, and when. */
    public record PlannedSupply(Eta eta, boolean dropShip, String purchaseOrderId) {
    }
}
