package com.orderflow.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/inventory/receipts}. {@code reference}: the warehouse's own number for
 * this receipt (goods-in or delivery note); with it, sending the receipt again books nothing twice.
 */
public record ReceiptRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1-64 letters, digits, '.', '_' or '-'") String purchaseOrderId,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}",
                message = "must be 1-64 letters, digits, '.', '_', '/' or '-'") String reference) {
}
