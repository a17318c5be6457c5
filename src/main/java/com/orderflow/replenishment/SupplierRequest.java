package com.orderflow.replenishment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/** Body of {@code PUT /api/suppliers/{supplierId}}. */
public record SupplierRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull Duration leadTime,
        @Min(1) @Max(1_000_000) Integer minOrderQuantity,
        Duration batchingWindow,
        Boolean dropShip) {
}
