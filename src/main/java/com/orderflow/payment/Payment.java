package com.orderflow.payment;

import java.math.BigDecimal;

/** The money side of one order. {@code voided} is the part of the authorisation released unused. */
public record Payment(String orderId, String authorizationId, PaymentStatus status, String currency,
                      BigDecimal authorized, BigDecimal captured, BigDecimal refunded, BigDecimal voided) {

    /** Authorised money neither captured nor released yet. */
    public BigDecimal open() {
        return authorized.subtract(captured).subtract(voided);
    }
}
