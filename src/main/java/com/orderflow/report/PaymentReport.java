package com.orderflow.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The money the payment provider moved in a period, as the service booked it ({@code payment_operation}), to
 * reconcile with the provider's statement: per currency and kind of operation, how many and how much. Amounts of
 * different currencies are never added up.
 */
public record PaymentReport(Instant generatedAt, BackorderReport.Period period, List<Total> totals) {

    /** {@code kind} as on the order's ledger: {@code AUTHORIZE}, {@code CAPTURE}, {@code VOID}, {@code LEFT_UNPAID}, ... */
    public record Total(String currency, String kind, long operations, BigDecimal amount) {
    }
}
