package com.orderflow.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/inventory/{sku}}: the result of a stock count. */
public record StockCountRequest(@NotNull @Min(0) @Max(Stock.MOST_ON_HAND) Integer onHand) {
}
