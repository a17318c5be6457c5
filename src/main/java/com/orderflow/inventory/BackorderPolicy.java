package com.orderflow.inventory;

/** Whether an order may wait for a product that is short. */
public enum BackorderPolicy {
    ALLOW, DENY
}
