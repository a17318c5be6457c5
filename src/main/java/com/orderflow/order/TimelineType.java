package com.orderflow.order;

/** What can happen to an order, as shown on its timeline. */
public enum TimelineType {
    ACCEPTED, REJECTED, AUTHORIZED, RESERVED, BACKORDERED, NOTIFIED, NOTICE_FAILED, PURCHASE_ORDERED, DELAYED, ESCALATED,
    ETA_CHANGED, ALLOCATED, PACKED, SHIPPED, CAPTURED, CANCEL_REQUESTED, RELEASED, WITHDRAWN, CANCELLED, VOIDED, REFUNDED, REAUTHORIZED,
    /** The customer answered a delay notice: keep waiting, ship what is available, or cancel. */
    CUSTOMER_CHOSE,
    /** Ops decided an escalated order's task in Tasklist: what, by whom, with their note. */
    OPS_DECIDED,
    /** Units a receipt gave the order wait for the rest of the delivery until the parcel closes ({@code until}). */
    PARCEL_COLLECTING,
    /** The customer's personal data on the finished order was erased (on request, or after the retention period). */
    ERASED,
    /** Ops collected (or wrote off) what parcels left unpaid were worth: how much, by whom, with their note. */
    UNPAID_SETTLED,
    /**
     * The customer's e-mail address was corrected (the address itself is not on the timeline): by whom, notices
     * resent. At most 20 characters, as every type: the column's width.
     */
    EMAIL_CHANGED
}
