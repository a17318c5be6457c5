package com.orderflow.order;

/**
 * What the order's delay notices offered the customer to make up for the wait: {@code DISCOUNT} with its
 * percent and code, or {@code FREE_SHIPPING}. Kept on the order, so the shop can honour it.
 */
public record Consolation(String kind, Integer discountPercent, String discountCode) {
}
