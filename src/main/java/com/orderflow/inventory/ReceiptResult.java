package com.orderflow.inventory;

import com.orderflow.backorder.Allocation;
import java.util.List;

/** Answer of a goods receipt: how the units were split and which orders got them (the first 100). */
public record ReceiptResult(String receiptId, String sku, int quantity, String purchaseOrderId, int allocated,
                            int toStock, int ordersResumed, List<Allocation> allocations) {
}
