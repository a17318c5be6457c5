package com.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

public record Order(String id, OrderStatus status, Customer customer, ShipPolicy shipPolicy, int priority,
                    String paymentToken, String currency, BigDecimal total, String requestHash, String rejectReason,
                    Instant createdAt, Instant updatedAt, List<OrderLine> lines, Instant cancelRequestedAt,
                    Instant paymentLapsedAt, Consolation consolation) {

    /** What an order's total, its payment's amounts and the gateway's ledger can hold: NUMERIC(14, 2). */
    public static final BigDecimal LARGEST_TOTAL = new BigDecimal("999999999999.99");

    /**
     * {@link #requestHash} once the customer's data was erased: the hash was taken over the placing request, name
     * and e-mail address included, so a guessed address could be checked against it.
     */
    public static final String REQUEST_ERASED = "(erased)";

    public boolean cancelRequested() {
        return cancelRequestedAt != null;
    }

    /** The payment could not be authorised again: nothing may ship until ops resolve it. */
    public boolean paymentLapsed() {
        return paymentLapsedAt != null;
    }

    /**
     * When the order last changed: its own row's update, or a receipt allocating units to one of its
     * lines (which changes the line and leaves the order's row alone).
     */
    public Instant lastChangedAt() {
        return lines.stream().map(OrderLine::allocatedAt).filter(Objects::nonNull)
                .filter(allocated -> updatedAt == null || allocated.isAfter(updatedAt))
                .max(Comparator.naturalOrder()).orElse(updatedAt);
    }

    /**
     * Whether the order still needs a payment authorisation: it may ship more, or it is held with a
     * capture still to come (a drop-ship supplier may have delivered all of it while it was held).
     */
    public boolean needsAuthorization() {
        return !isFinished() || paymentLapsed();
    }

    /** Part of the order reached the customer: cancelling it now gives up only the rest. */
    public boolean partlySent() {
        return lines.stream().anyMatch(line -> line.shipped() > 0);
    }

    public boolean isFinished() {
        return status.isFinished();
    }

    /** The order as the database stored it at {@code at}: created and last updated then. */
    Order storedAt(Instant at) {
        return new Order(id, status, customer, shipPolicy, priority, paymentToken, currency, total, requestHash,
                rejectReason, at, at, lines, cancelRequestedAt, paymentLapsedAt, consolation);
    }

    /** The same order with these lines. */
    Order withLines(List<OrderLine> newLines) {
        return new Order(id, status, customer, shipPolicy, priority, paymentToken, currency, total, requestHash,
                rejectReason, createdAt, updatedAt, List.copyOf(newLines), cancelRequestedAt, paymentLapsedAt, consolation);
    }
}
