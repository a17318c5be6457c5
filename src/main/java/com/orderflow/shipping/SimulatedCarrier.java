package com.orderflow.shipping;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A carrier on this machine, with its own ledger committed independently of the caller. */
@Component
public class SimulatedCarrier implements Carrier {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate noTransaction;
    private final Clock clock;
    private final CarrierSimulatorProperties settings;

    public SimulatedCarrier(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                            CarrierSimulatorProperties settings) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.noTransaction = new TransactionTemplate(transactions);
        this.noTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "SIMULATED";
    }

    @Override
    public String dispatch(String idempotencyKey, String orderId, List<ShipmentLine> lines) {
        pause();
        // The carrier's ledger outlives the caller's transaction. A key seen for the first time is decided
        // and recorded in one statement that commits by itself; only a repeat opens a transaction of its own.
        Attempt first = attempt(1);
        Attempt attempt = noTransaction.execute(status -> recordFirst(idempotencyKey, orderId, first))
                ? first
                : ownTransaction.execute(status -> decideAgain(idempotencyKey));
        if (attempt.trackingNumber() == null) {
            throw new CarrierUnavailableException("carrier unavailable (attempt " + attempt.attempts() + ")");
        }
        return attempt.trackingNumber();
    }

    private boolean recordFirst(String key, String orderId, Attempt first) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        INSERT INTO sim_carrier_ledger (idempotency_key, reference, tracking_number, outcome, attempts,
                                                        created_at, updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM sim_carrier_ledger WHERE idempotency_key = ?)""")
                .params(key, orderId, first.trackingNumber(), outcome(first), 1, now, now, key)
                .update() == 1;
    }

    private Attempt decideAgain(String key) {
        Optional<Attempt> recorded = jdbc.sql(
                        "SELECT tracking_number, attempts FROM sim_carrier_ledger WHERE idempotency_key = ? FOR UPDATE")
                .param(key)
                .query((rs, n) -> new Attempt(rs.getString("tracking_number"), rs.getInt("attempts")))
                .optional();
        if (recorded.isPresent() && recorded.get().trackingNumber() != null) {
            return recorded.get();
        }
        Attempt next = attempt(recorded.map(Attempt::attempts).orElse(0) + 1);
        jdbc.sql("UPDATE sim_carrier_ledger SET tracking_number = ?, outcome = ?, attempts = ?, updated_at = ? WHERE idempotency_key = ?")
                .params(next.trackingNumber(), outcome(next), next.attempts(), OffsetDateTime.now(clock), key).update();
        return next;
    }

    private Attempt attempt(int number) {
        boolean fails = ThreadLocalRandom.current().nextDouble() < settings.failureRate();
        return new Attempt(fails ? null
                : "SIM" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT), number);
    }

    private static String outcome(Attempt attempt) {
        return attempt.trackingNumber() == null ? "FAILED" : "DISPATCHED";
    }

    private void pause() {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CarrierUnavailableException("interrupted while calling the carrier");
            }
        }
    }

    private record Attempt(String trackingNumber, int attempts) {
    }
}
