package com.orderflow.backorder;

/** Units of a receipt given to one backorder, and why: its place in the product's queue. */
public record Allocation(String orderId, int lineNo, long backorderId, int quantity, int queuePosition, int queueLength,
                         boolean filled, String reason) {
}
