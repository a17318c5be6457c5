package com.orderflow.delay;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What the customer has been told about an order's delays.
 *
 * @param firstPromise        the ETA promised when the order was backordered; the silent threshold counts from it
 * @param announcedEta        the latest ETA a delay notice announced, null before the first notice
 * @param notices             delay notices sent so far
 * @param consolation         the consolation offered last ({@code DISCOUNT}, {@code FREE_SHIPPING}), if any
 * @param discountPercent     the discount of a {@code DISCOUNT} consolation
 * @param discountCode        the code that redeems it
 * @param toldIn              the zone whose days the customer's last dated notice printed; null when none said
 */
public record DelayState(Instant firstPromise, Instant announcedEta, int notices, String consolation,
                         Integer discountPercent, String discountCode, ZoneId toldIn) {

    /** The date the customer's e-mails last named: the latest announced, else the first promise. */
    public Instant told() {
        return announcedEta != null ? announcedEta : firstPromise;
    }
}
