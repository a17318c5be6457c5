package com.orderflow.inventory;

import com.orderflow.backorder.Allocation;
import java.util.List;

/**
 * Answer of a goods receipt: how the units were split and which orders got them (the first 100).
 * {@code reference} is the warehouse's own name for the receipt, when it gave one.
 */
public record ReceiptResult(String receiptId, String reference, String sku, int quantity, String purchaseOrderId,
                            int allocated, int toStock, int ordersResumed, List<Allocation> allocations) {
}
