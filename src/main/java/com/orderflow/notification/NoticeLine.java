package com.orderflow.notification;

import java.math.BigDecimal;
import java.time.Instant;

/** One line as a notice shows it: so many of a product, with its amount or its ETA where that matters. */
public record NoticeLine(String sku, String name, int quantity, BigDecimal amount, Instant eta) {
}
