package com.orderflow.replenishment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/purchase-orders/{id}/dispatch}: a drop-ship supplier sent the goods. The tracking
 * number is what the customer's shipment notice and the order's timeline give; a parcel without one left the
 * customer nothing to follow.
 */
public record DispatchRequest(@NotBlank @Size(max = 100) String trackingNumber) {
}
