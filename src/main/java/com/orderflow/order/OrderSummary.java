package com.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as {@code GET /api/orders} lists it: enough to find the one asked about and see where it stands;
 * its lines, ETA and the payment's details are in {@code GET /api/orders/{orderId}}. {@code unpaid}: the value of
 * parcels the customer has and that could not be charged, while ops have not settled it.
 */
public record OrderSummary(String orderId, OrderStatus status, Customer customer, String currency, BigDecimal total,
                           String paymentStatus, BigDecimal unpaid, Instant createdAt, Instant updatedAt) {
}
