package com.orderflow.inventory;

/** Units in the warehouse ({@code onHand}) and the part of them promised to orders ({@code reserved}). */
public record Stock(String sku, int onHand, int reserved) {

    public int available() {
        return onHand - reserved;
    }
}
