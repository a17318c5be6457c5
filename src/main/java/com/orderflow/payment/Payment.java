package com.orderflow.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The money side of one order. {@code voided} is the part of the authorisation released unused, {@code lapsed} the part
 * that lapsed unused (a cancellation found the hold ended: nothing was released); {@code unpaid} the
 * value of parcels that left and could not be charged (the order's payment was held, and it was cancelled before it
 * was authorised again), which ops collect from the customer and then settle ({@code unpaidSettledAt}): as collected
 * or written off ({@code unpaidSettledAs}, null for a settlement recorded before it was asked), under the books'
 * reference when given.
 */
public record Payment(String orderId, String authorizationId, PaymentStatus status, String currency,
                      BigDecimal authorized, BigDecimal captured, BigDecimal refunded, BigDecimal voided,
                      BigDecimal unpaid, Instant unpaidSettledAt, BigDecimal lapsed, SettlementOutcome unpaidSettledAs,
                      String unpaidSettlementReference) {

    /** A payment with nothing left unpaid: {@link PaymentRepository#update} writes no more than these. */
    public Payment(String orderId, String authorizationId, PaymentStatus status, String currency,
                   BigDecimal authorized, BigDecimal captured, BigDecimal refunded, BigDecimal voided) {
        this(orderId, authorizationId, status, currency, authorized, captured, refunded, voided, BigDecimal.ZERO, null,
                BigDecimal.ZERO, null, null);
    }

    /** Authorised money neither captured nor released yet, nor lapsed. */
    public BigDecimal open() {
        return authorized.subtract(captured).subtract(voided).subtract(lapsed);
    }

    /** Goods the customer has and has not paid for, and ops have not settled. */
    public boolean owed() {
        return unpaid.signum() > 0 && unpaidSettledAt == null;
    }

    /** {@link #owed()} as a condition on the payment table named {@code alias}, for queries over many orders. */
    public static String owedCondition(String alias) {
        return alias + ".unpaid > 0 AND " + alias + ".unpaid_settled_at IS NULL";
    }
}
