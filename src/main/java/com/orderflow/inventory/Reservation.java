package com.orderflow.inventory;

/** What reserving an order's stock came to. */
public enum Reservation {
    /** Every unit is reserved. */
    FULL,
    /** Some units are backordered; the rest is reserved. */
    SHORT,
    /** A product that may not be backordered is short; nothing was reserved. */
    DENIED
}
