package com.orderflow.process;

import java.util.Set;

/** Names shared between the order-fulfillment model and the Java code that serves it. */
public final class OrderProcess {

    public static final String KEY = "orderFulfillment";

    public static final String VAR_ORDER_ID = "orderId";
    /** Outcome of {@code Task_ReserveStock}: {@code FULL}, {@code SHORT} or {@code DENIED}. */
    public static final String VAR_RESERVATION = "reservation";
    /** Outcome of {@code Task_CheckShippableStock}: {@code SHIP}, {@code WAIT} or {@code DONE}. */
    public static final String VAR_NEXT_STEP = "nextStep";
    /** When a partial parcel that still collects a delivery's units leaves (a date), or null: it leaves now. */
    public static final String VAR_PARCEL_CLOSES_AT = "parcelClosesAt";
    /** Set by {@code Task_DispatchShipment}: whether that shipment completed the order. */
    public static final String VAR_ORDER_COMPLETE = "orderComplete";
    public static final String VAR_REJECT_REASON = "rejectReason";
    /** With {@code VAR_REJECT_REASON}, for ops: what the reason is about (the refused lines' stock, say). */
    public static final String VAR_REJECT_DETAIL = "rejectDetail";
    public static final String VAR_SHIPMENT_ID = "shipmentId";
    /** Set by {@code Task_BackorderMissingStock}: the order has an authorisation renewal to end with it. */
    public static final String VAR_AUTHORIZATION_RENEWAL = "authorizationRenewal";
    /** Set by {@code Task_AssessDelay}: delay notices the customer got so far. */
    public static final String VAR_DELAY_NOTICES = "delayNotices";
    /** Set by {@code Task_AssessDelay}: the order waited longer than {@code orderflow.backorder.max-wait}. */
    public static final String VAR_WAITED_TOO_LONG = "waitedTooLong";
    /** Set when the delay was escalated to ops, so it is escalated once; ops keeping the order waiting clear it. */
    public static final String VAR_DELAY_ESCALATED = "delayEscalated";
    /**
     * Set when ops keep the order waiting: the date they set, and the delay notices sent by then. Counting
     * starts again from them: max-delays more notices, or max-wait of waiting past ops' date, and ops decide again.
     */
    public static final String VAR_OPS_ETA = "opsEta";
    public static final String VAR_DELAY_NOTICES_AT_DECISION = "delayNoticesAtDecision";
    /** Ops' decision in "Resolve delayed backorder": {@code KEEP_WAITING}, {@code SHIP_AVAILABLE} or {@code CANCEL}. */
    public static final String VAR_OPS_DECISION = "opsDecision";
    /** With {@code KEEP_WAITING}: the new ETA (a date or timestamp) and ops' note. */
    public static final String VAR_NEW_ETA = "newEta";
    public static final String VAR_OPS_NOTE = "opsNote";
    public static final String TASK_RESOLVE_DELAYED_BACKORDER = "Task_ResolveDelayedBackorder";
    /** Its "Task unclaimed" timer, brought forward at start when the escalation cycle got shorter. */
    public static final String EVENT_TASK_UNCLAIMED = "Event_TaskUnclaimed";
    /** The "ETA passed" timer, brought forward at start when max-wait got shorter. */
    public static final String EVENT_ETA_PASSED = "Event_EtaPassed";
    /** The "Parcel closed" timer, brought forward at start when the parcel collection got shorter. */
    public static final String EVENT_PARCEL_CLOSED = "Event_ParcelClosed";

    /** Carried by message {@code CustomerChoice}: {@code KEEP_WAITING}, {@code SHIP_AVAILABLE} or {@code CANCEL}. */
    public static final String VAR_CUSTOMER_CHOICE = "customerChoice";

    public static final String MESSAGE_STOCK_ALLOCATED = "StockAllocated";
    public static final String MESSAGE_CANCEL_ORDER = "CancelOrder";
    /** Sent by replenishment when a supplier moves the ETA of the order's backorders. */
    public static final String MESSAGE_ETA_CHANGED = ReplenishmentProcess.MESSAGE_ETA_CHANGED;
    /** The customer answered a delay notice through their choice link. */
    public static final String MESSAGE_CUSTOMER_CHOICE = "CustomerChoice";

    public static final String ERROR_PAYMENT_DECLINED = "PaymentDeclined";
    public static final String ERROR_ORDER_INVALID = "OrderInvalid";
    /** Of {@code processes/authorization-renewal.bpmn}: the provider refused to authorise the open amount again. */
    public static final String ERROR_REAUTHORIZATION_DECLINED = "ReauthorizationDeclined";

    /**
     * The elements the Java code looks up by id: a model deployed without one is refused ({@link ModelDeploymentCheck}),
     * where it silently stopped the lookup that needs it.
     */
    public static final Set<String> ELEMENTS_RELIED_ON =
            Set.of(TASK_RESOLVE_DELAYED_BACKORDER, EVENT_TASK_UNCLAIMED, EVENT_ETA_PASSED, EVENT_PARCEL_CLOSED);

    private OrderProcess() {
    }
}
