package com.orderflow.process;

import java.util.Set;

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

    /** The batching window's timer, brought forward when the supplier's window gets shorter. */
    public static final String EVENT_WINDOW_CLOSED = "Event_WindowClosed";
    /** Timers brought forward at start when their settings got shorter. */
    public static final String EVENT_CONFIRMATION_OVERDUE = "Event_ConfirmationOverdue";
    public static final String EVENT_GOODS_OVERDUE = "Event_GoodsOverdue";
    public static final String TASK_CHASE_SUPPLIER = "Task_ChaseSupplier";
    public static final String EVENT_CHASE_TASK_UNCLAIMED = "Event_ChaseTaskUnclaimed";

    /** The elements the Java code looks up by id (see {@link OrderProcess#ELEMENTS_RELIED_ON}). */
    public static final Set<String> ELEMENTS_RELIED_ON = Set.of(EVENT_WINDOW_CLOSED, EVENT_CONFIRMATION_OVERDUE,
            EVENT_GOODS_OVERDUE, TASK_CHASE_SUPPLIER, EVENT_CHASE_TASK_UNCLAIMED);

    private ReplenishmentProcess() {
    }
}
