package com.orderflow.inventory;

/** Units in the warehouse ({@code onHand}) and the part of them promised to orders ({@code reserved}). */
public record Stock(String sku, int onHand, int reserved) {

    /** The most units a product's stock may hold: a count above it is a typo, and receipts must not overflow it. */
    public static final int MOST_ON_HAND = 100_000_000;

    public int available() {
        return onHand - reserved;
    }
}
