package com.orderflow.replenishment;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/purchase-orders/{id}/dispatch}: a drop-ship supplier sent the goods. */
public record DispatchRequest(@Size(max = 100) String trackingNumber) {
}
