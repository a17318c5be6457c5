package com.orderflow.replenishment;

import java.time.Duration;

/** A company that replenishes products; its terms shape purchase orders and ETAs. */
public record Supplier(String id, String name, Duration leadTime, int minOrderQuantity,
                       Duration batchingWindow, boolean dropShip) {

    /** The longest lead time, and the longest batching window, a supplier's terms may state. */
    public static final int LONGEST_TERM_DAYS = 730;
    public static final Duration LONGEST_TERM = Duration.ofDays(LONGEST_TERM_DAYS);

    /**
     * How far from today a supplier may promise goods: the longest batching window plus the
     * longest lead time. Beyond it a date is a typo, not a promise.
     */
    public static final Duration LONGEST_PROMISE = LONGEST_TERM.plus(LONGEST_TERM);
}
