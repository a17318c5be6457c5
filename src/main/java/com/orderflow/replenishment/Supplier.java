package com.orderflow.replenishment;

import java.time.Duration;

/** A company that replenishes products; its terms shape purchase orders and ETAs. */
public record Supplier(String id, String name, Duration leadTime, int minOrderQuantity,
                       Duration batchingWindow, boolean dropShip) {
}
