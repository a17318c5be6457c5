package com.orderflow.notification;

/** The moments at which a customer hears from us. */
public enum NoticeKind {
    CONFIRMED, BACKORDERED, DELAYED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, REJECTED
}
