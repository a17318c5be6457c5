package com.orderflow.replenishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/purchase-orders/{id}/confirmation}: a timestamp or a plain date (its start, UTC). */
public record ConfirmationRequest(@NotBlank @Size(max = 40) String eta) {
}
