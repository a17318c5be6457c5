package com.orderflow.replenishment;

/**
 * Which purchase orders a list shows; each part {@code null} for any. {@code sku} and {@code orderId} answer what a
 * merchant with hundreds of purchase orders asks: which ones bring this product, which ones a customer's order
 * waits for.
 */
public record PurchaseOrderFilter(PurchaseOrderStatus status, String supplierId, String sku, String orderId) {
}
