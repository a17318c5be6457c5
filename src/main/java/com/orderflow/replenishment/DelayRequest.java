package com.orderflow.replenishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/purchase-orders/{id}/delay}. */
public record DelayRequest(@NotBlank @Size(max = 40) String newEta, @NotBlank @Size(max = 500) String reason) {
}
