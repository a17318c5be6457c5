package com.orderflow.order;

public enum OrderStatus {
    ACCEPTED, BACKORDERED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, REJECTED;

    /** Shipped in full, cancelled or rejected: nothing is left to ship, and no money moves but by ops. */
    public boolean isFinished() {
        return this == SHIPPED || this == CANCELLED || this == REJECTED;
    }
}
