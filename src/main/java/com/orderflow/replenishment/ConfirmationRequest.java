package com.orderflow.replenishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/purchase-orders/{id}/confirmation}: a timestamp or a plain date (a day as the shop's
 * customers read it).
 */
public record ConfirmationRequest(@NotBlank @Size(max = 40) String eta) {
}
