package com.orderflow.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/inventory/receipts/{receiptId}/purchase-order}: the purchase order the goods came with. */
public record ReceiptBookingRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1-64 letters, digits, '.', '_' or '-'") String purchaseOrderId) {
}
