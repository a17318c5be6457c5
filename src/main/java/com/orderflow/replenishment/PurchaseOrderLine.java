package com.orderflow.replenishment;

public record PurchaseOrderLine(String sku, int quantity, int received) {
}
