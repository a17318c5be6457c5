package com.orderflow.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of an order's money ledger, as the service booked it: {@code idempotencyKey} is the key the call to the
 * payment provider carried (the provider's settlement lists it), {@code reference} what the provider answered (an
 * authorisation's or capture's id, or its refusal); for {@code LEFT_UNPAID} the parcel, for {@code UNPAID_SETTLED}
 * the user who settled it.
 */
public record PaymentOperation(String kind, BigDecimal amount, String currency, String idempotencyKey, String reference,
                               Instant at) {
}
