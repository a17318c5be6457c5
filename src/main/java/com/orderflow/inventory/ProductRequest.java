package com.orderflow.inventory;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.orderflow.api.KeepWhenLeftOut;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Body of {@code PUT /api/products/{sku}}. */
public record ProductRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin("0.00") @DecimalMax("9999999999.99") @Digits(integer = 10, fraction = 2,
                message = "must have at most 10 digits before the decimal point and 2 after it (amounts are kept to the cent,"
                        + " also in a currency with finer units)")
        BigDecimal price,
        @JsonDeserialize(using = KeepWhenLeftOut.class)
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotBlank String supplierId,
        @JsonDeserialize(using = KeepWhenLeftOut.class) BackorderPolicy backorderPolicy) {
}
