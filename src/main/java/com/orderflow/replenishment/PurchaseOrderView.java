package com.orderflow.replenishment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.orderflow.inventory.ReceiptService.BookedReceipt;
import java.util.List;

/**
 * One purchase order as a purchaser disputing a delivery reads it: with the receipts booked against it, which its
 * lines' {@code received} sum up.
 */
public record PurchaseOrderView(@JsonUnwrapped PurchaseOrder purchaseOrder, List<BookedReceipt> receipts) {
}
