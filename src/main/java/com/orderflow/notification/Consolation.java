package com.orderflow.notification;

/** What a customer is offered, from the second delay notice on, for waiting longer. */
public enum Consolation {
    DISCOUNT, FREE_SHIPPING, NONE
}
