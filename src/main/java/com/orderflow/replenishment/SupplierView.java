package com.orderflow.replenishment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Duration;

/**
 * A supplier as a purchaser reads it: its terms, and what its history taught. {@code typicalLateness}: the median of
 * its latest deliveries against its own promises, which its learned ETAs add to the lead time (negative for a
 * supplier typically early, which is promised its lead time); null until {@code deliveries} reach the minimum to
 * learn from.
 */
public record SupplierView(@JsonUnwrapped Supplier supplier, Duration typicalLateness, int deliveries) {
}
