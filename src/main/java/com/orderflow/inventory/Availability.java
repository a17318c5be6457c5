package com.orderflow.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a web shop shows for a product: units free to sell now, units promised, units owed to
 * waiting customers, units on order with suppliers ({@code inbound}) and units in batches still
 * collecting demand before they are ordered, and, when none are free, when new ones are expected
 * ({@code restockDay}: that date's day in the shop's time zone, the day an order's e-mail would name).
 * {@code backorderPolicy}: whether an order for more than {@code available} is taken ({@code ALLOW}) or
 * rejected ({@code DENY}), so the product page says "only 5 left" rather than accept what will be refused;
 * {@code price} and {@code currency}: what an order placed now is charged.
 */
public record Availability(String sku, int onHand, int available, int reserved, int backordered, int inbound,
                           int collecting, Instant restockDate, LocalDate restockDay, String restockDateBasis,
                           BackorderPolicy backorderPolicy, BigDecimal price, String currency) {
}
