package com.orderflow.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
        Payment settled = payments.settleUnpaid(orderId, body.note(), user.getName());
        return new UnpaidSettlement(orderId, settled.unpaid(), settled.currency(), settled.unpaidSettledAt());
    }

    /** How the customer paid, or why it was written off: it goes on the order's timeline. */
    public record SettlementRequest(@NotBlank @Size(max = 1000) String note) {
    }

    public record UnpaidSettlement(String orderId, BigDecimal unpaid, String currency, Instant settledAt) {
    }
}
