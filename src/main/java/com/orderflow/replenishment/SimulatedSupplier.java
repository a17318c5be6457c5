package com.orderflow.replenishment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Suppliers on this machine, with a ledger committed independently of the caller. An outage can be
 * switched on and off while the service runs, to watch retries and incidents in Cockpit.
 */
@Component
public class SimulatedSupplier implements SupplierGateway {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final SupplierSimulatorProperties settings;
    private final AtomicBoolean outage;

    public SimulatedSupplier(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                             SupplierSimulatorProperties settings) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.settings = settings;
        this.outage = new AtomicBoolean(settings.outage());
    }

    public void setOutage(boolean down) {
        outage.set(down);
    }

    @Override
    public String placeOrder(String idempotencyKey, String supplierId, List<PurchaseOrderLine> lines, boolean dropShip) {
        String described = lines.stream().map(l -> l.sku() + "x" + l.quantity()).collect(Collectors.joining(","));
        return call(idempotencyKey, supplierId, "PLACED", described,
                "SUP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT));
    }

    @Override
    public void cancelOrder(String idempotencyKey, String supplierId, String supplierReference) {
        call(idempotencyKey, supplierId, "CANCELLED", null, supplierReference);
    }

    /** {@code reference}: what the supplier answers when the call goes through; a repeated key answers the first. */
    private String call(String key, String supplierId, String outcome, String lines, String reference) {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupplierUnavailableException("interrupted while calling supplier " + supplierId);
            }
        }
        Attempt attempt = ownTransaction.execute(status -> decide(key, supplierId, outcome, lines, reference));
        if (attempt.reference() == null) {
            throw new SupplierUnavailableException("supplier " + supplierId + " unavailable (attempt " + attempt.attempts() + ")");
        }
        return attempt.reference();
    }

    private Attempt decide(String key, String supplierId, String outcome, String described, String answer) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Attempt> recorded = jdbc.sql(
                        "SELECT supplier_reference, attempts FROM sim_supplier_ledger WHERE idempotency_key = ? FOR UPDATE")
                .param(key)
                .query((rs, n) -> new Attempt(rs.getString("supplier_reference"), rs.getInt("attempts")))
                .optional();
        if (recorded.isPresent() && recorded.get().reference() != null) {
            return recorded.get();
        }
        int attempts = recorded.map(Attempt::attempts).orElse(0) + 1;
        boolean fails = outage.get() || ThreadLocalRandom.current().nextDouble() < settings.failureRate();
        String reference = fails ? null : answer;
        if (recorded.isPresent()) {
            jdbc.sql("UPDATE sim_supplier_ledger SET supplier_reference = ?, outcome = ?, attempts = ?, lines = ?, updated_at = ? WHERE idempotency_key = ?")
                    .params(reference, fails ? "FAILED" : outcome, attempts, described, now, key).update();
        } else {
            jdbc.sql("""
                            INSERT INTO sim_supplier_ledger (idempotency_key, supplier_id, supplier_reference, outcome, attempts,
                                                             lines, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(key, supplierId, reference, fails ? "FAILED" : outcome, attempts, described, now, now)
                    .update();
        }
        return new Attempt(reference, attempts);
    }

    private record Attempt(String reference, int attempts) {
    }
}
