package com.orderflow.order;

/** What can happen to an order, as shown on its timeline. */
public enum TimelineType {
    ACCEPTED, REJECTED, AUTHORIZED, RESERVED, BACKORDERED, NOTIFIED, PURCHASE_ORDERED, DELAYED, ESCALATED,
    ETA_CHANGED, ALLOCATED, PACKED, SHIPPED, CAPTURED, CANCELLED, VOIDED, REFUNDED, REAUTHORIZED
}
