package com.orderflow.inventory;

import java.time.Instant;

/**
 * What a web shop shows for a product: units free to sell now, units promised, units owed to
 * waiting customers and units on the way, and, when none are free, when new ones are expected.
 */
public record Availability(String sku, int onHand, int available, int reserved, int backordered, int inbound,
                           Instant restockDate, String restockDateBasis) {
}
