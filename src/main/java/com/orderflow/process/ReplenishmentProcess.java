package com.orderflow.process;

/** Names shared between the replenishment model and the Java code that serves it. */
public final class ReplenishmentProcess {

    public static final String KEY = "replenishment";

    public static final String VAR_PURCHASE_ORDER_ID = "purchaseOrderId";

    public static final String MESSAGE_MINIMUM_REACHED = "MinimumOrderQuantityReached";
    public static final String MESSAGE_SUPPLIER_CONFIRMED = "SupplierConfirmed";
    public static final String MESSAGE_SUPPLIER_DELAY = "SupplierDelayReported";
    public static final String MESSAGE_GOODS_RECEIVED = "GoodsReceived";
    /** A drop-ship purchase order's order was cancelled: none of its demand is left. */
    public static final String MESSAGE_PURCHASE_ORDER_WITHDRAWN = "PurchaseOrderWithdrawn";

    /** Sent to order processes whose backorders got a new ETA. */
    public static final String MESSAGE_ETA_CHANGED = "EtaChanged";

    private ReplenishmentProcess() {
    }
}
