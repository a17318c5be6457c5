package com.orderflow.order;

/** The customer's choice: ship what is available now, or everything together. */
public enum ShipPolicy {
    PARTIAL, COMPLETE
}
