package com.orderflow.inventory;

import com.orderflow.backorder.Allocation;
import java.util.List;

/**
 * Answer of a goods receipt: how the units were split and which orders got them (the first 100).
 * {@code reference} is the warehouse's own name for the receipt, when it gave one. {@code overReceived}
 * counts units beyond what the purchase order still expected of the product: booked to stock like the
 * rest, and worth a word with the supplier (an answer stored before the field existed reads 0).
 * {@code openPurchaseOrders}: for a receipt naming none, the open purchase orders still to bring the product. Goods
 * that came on one of them are not counted off it: it still shows them {@code inbound}, and waits for them.
 */
public record ReceiptResult(String receiptId, String reference, String sku, int quantity, String purchaseOrderId,
                            int allocated, int toStock, int ordersResumed, List<Allocation> allocations,
                            int overReceived, List<String> openPurchaseOrders) {

    public ReceiptResult {
        // An answer stored before the field existed.
        openPurchaseOrders = openPurchaseOrders == null ? List.of() : List.copyOf(openPurchaseOrders);
    }
}
