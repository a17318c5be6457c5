package com.orderflow.replenishment;

import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * What the replenishment model asks about its purchase order, through expressions such as
 * {@code ${purchaseOrderQueries.confirmed(purchaseOrderId)}}. Gateways re-read the database before
 * each wait, so a message that arrived while the process was busy is never missed.
 */
@Component("purchaseOrderQueries")
public class PurchaseOrderQueries {

    private final PurchaseOrderRepository purchaseOrders;
    private final SupplierRepository suppliers;
    private final ReplenishmentSettings settings;

    public PurchaseOrderQueries(PurchaseOrderRepository purchaseOrders, SupplierRepository suppliers,
                                ReplenishmentSettings settings) {
        this.purchaseOrders = purchaseOrders;
        this.suppliers = suppliers;
        this.settings = settings;
    }

    /** Drop-ship orders go out at once; a batch once its demand reaches the supplier's minimum. */
    public boolean readyToPlace(String id) {
        PurchaseOrder purchaseOrder = purchaseOrders.find(id).orElseThrow();
        return purchaseOrder.dropShip()
                || purchaseOrder.totalQuantity() >= suppliers.find(purchaseOrder.supplierId()).orElseThrow().minOrderQuantity();
    }

    /** A batch whose demand was all withdrawn before placing is cancelled instead. */
    public boolean placed(String id) {
        return purchaseOrders.find(id).orElseThrow().status() != PurchaseOrderStatus.CANCELLED;
    }

    public boolean confirmed(String id) {
        PurchaseOrder purchaseOrder = purchaseOrders.find(id).orElseThrow();
        return purchaseOrder.confirmedAt() != null || !purchaseOrder.isOpen();
    }

    /** Closed: everything received, dispatched by a drop-ship supplier, or cancelled. */
    public boolean closed(String id) {
        return !purchaseOrders.find(id).orElseThrow().isOpen();
    }

    public Date windowClosesAt(String id) {
        return Date.from(purchaseOrders.find(id).orElseThrow().windowClosesAt());
    }

    /** Goods not received by the ETA plus the grace period are overdue. */
    public Date goodsOverdueAt(String id) {
        PurchaseOrder purchaseOrder = purchaseOrders.find(id).orElseThrow();
        Instant eta = purchaseOrder.eta() != null ? purchaseOrder.eta() : purchaseOrder.windowClosesAt();
        return Date.from(eta.plus(settings.getReceiptGrace()));
    }
}
