package com.orderflow.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops record that the customer paid for parcels the service could not charge (or that the debt was written off):
 * until then the order's customer data is kept, as ops need it to collect. Ops only (see the security configuration).
 */
@RestController
public class UnpaidSettlementController {

    private final PaymentService payments;

    public UnpaidSettlementController(PaymentService payments) {
        this.payments = payments;
    }

    /** {@code 200} with what was settled and when, also when settled before; {@code 409} when nothing was left unpaid. */
    @PostMapping("/api/orders/{orderId}/payment/unpaid-settlement")
    public UnpaidSettlement settle(@PathVariable String orderId, @Valid @RequestBody SettlementRequest body, Principal user) {
        Payment settled = payments.settleUnpaid(orderId, body.outcome(), blankAsNull(body.reference()), body.note(),
                user.getName());
        return new UnpaidSettlement(orderId, settled.unpaid(), settled.currency(), settled.unpaidSettledAt(),
                settled.unpaidSettledAs(), settled.unpaidSettlementReference());
    }

    private static String blankAsNull(String reference) {
        return reference == null || reference.isBlank() ? null : reference.strip();
    }

    /**
     * {@code outcome} and {@code reference} (the books' own, e.g. a bank transfer's) are kept with the payment for the
     * books; the {@code note}, how the customer paid or why it was written off, goes on the timeline and is erased
     * with the customer's data, so it may name them.
     */
    public record SettlementRequest(@NotNull SettlementOutcome outcome, @Size(max = 100) String reference,
                                    @NotBlank @Size(max = 1000) String note) {
    }

    public record UnpaidSettlement(String orderId, BigDecimal unpaid, String currency, Instant settledAt,
                                   SettlementOutcome outcome, String reference) {
    }
}
