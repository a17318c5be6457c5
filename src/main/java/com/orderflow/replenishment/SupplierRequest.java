package com.orderflow.replenishment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.orderflow.api.KeepWhenLeftOut;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;

/**
 * Body of {@code PUT /api/suppliers/{supplierId}}. Beyond two years an ETA is no promise; far beyond,
 * adding the lead time to a date overflows.
 */
public record SupplierRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @DurationMax(days = Supplier.LONGEST_TERM_DAYS) Duration leadTime,
        @JsonDeserialize(using = KeepWhenLeftOut.class) @Min(1) @Max(1_000_000) Integer minOrderQuantity,
        @JsonDeserialize(using = KeepWhenLeftOut.class) @DurationMax(days = Supplier.LONGEST_TERM_DAYS) Duration batchingWindow,
        @JsonDeserialize(using = KeepWhenLeftOut.class) Boolean dropShip) {
}
