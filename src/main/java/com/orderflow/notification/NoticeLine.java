package com.orderflow.notification;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line as a notice shows it: so many of a product, with its amount or its ETA where that matters; a delay
 * notice judged per line gives a moved line's {@code previousEta} too, the date its customer knew.
 */
public record NoticeLine(String sku, String name, int quantity, BigDecimal amount, Instant eta, Instant previousEta) {

    public NoticeLine(String sku, String name, int quantity, BigDecimal amount, Instant eta) {
        this(sku, name, quantity, amount, eta, null);
    }
}
