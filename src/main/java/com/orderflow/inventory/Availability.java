package com.orderflow.inventory;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a web shop shows for a product: units free to sell now, units promised, units owed to
 * waiting customers, units on order with suppliers ({@code inbound}) and units in batches still
 * collecting demand before they are ordered, and, when none are free, when new ones are expected
 * ({@code restockDay}: that date's day in the shop's time zone, the day an order's e-mail would name).
 */
public record Availability(String sku, int onHand, int available, int reserved, int backordered, int inbound,
                           int collecting, Instant restockDate, LocalDate restockDay, String restockDateBasis) {
}
