package com.orderflow.replenishment;

public enum PurchaseOrderStatus {
    /** Collecting backordered demand until the minimum order quantity or the batching window is reached. */
    COLLECTING,
    PLACED,
    CONFIRMED,
    /** Closed: all goods received (or, for drop-ship, dispatched to the customer). */
    RECEIVED,
    CANCELLED,
    /** Closed by the warehouse before all its goods came: the supplier delivers no more of it. */
    CLOSED
}
