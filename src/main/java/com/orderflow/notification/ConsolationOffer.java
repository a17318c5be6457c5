package com.orderflow.notification;

/**
 * A consolation offered in a delay notice.
 *
 * @param kind             discount or free shipping (never {@link Consolation#NONE}: then nothing is offered)
 * @param discountPercent  the discount, for {@link Consolation#DISCOUNT}; 0 otherwise
 */
public record ConsolationOffer(Consolation kind, int discountPercent) {

    public ConsolationOffer {
        if (kind == null || kind == Consolation.NONE) {
            throw new IllegalArgumentException("An offer needs a consolation other than NONE");
        }
        if (kind != Consolation.DISCOUNT) {
            discountPercent = 0;
        }
    }

    public boolean isDiscount() {
        return kind == Consolation.DISCOUNT;
    }

    public boolean isFreeShipping() {
        return kind == Consolation.FREE_SHIPPING;
    }
}
