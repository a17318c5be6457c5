package com.orderflow.replenishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/purchase-orders/{id}/close}: why the rest will not come. */
public record CloseRequest(@NotBlank @Size(max = 500) String reason) {
}
