package com.orderflow.replenishment;

import java.util.Set;

/**
 * Which purchase orders a list shows; each part {@code null} for any. {@code sku} and {@code orderId} answer what a
 * merchant with hundreds of purchase orders asks: which ones bring this product, which ones a customer's order
 * waits for. {@code statuses}: any of them, all when empty.
 */
public record PurchaseOrderFilter(Set<PurchaseOrderStatus> statuses, String supplierId, String sku, String orderId) {
}
