package com.orderflow.order;

/** The answer to placing an order: new, or the same order placed again. */
public record OrderPlacement(Order order, boolean created) {
}
