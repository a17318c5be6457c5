package com.orderflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payment provider on this machine. Like a real one it keeps its own ledger, committed
 * independently of the caller's transaction, and honours idempotency keys.
 * Tokens: {@code tok_declined...} is declined, {@code tok_flaky} fails twice per key and then succeeds,
 * {@code tok_expiring} is authorised once but every re-authorisation is declined (a card that
 * expired while the order waited), and once its authorisation lapsed ({@code orderflow.payment.authorization-validity})
 * a capture or void of it is declined too, as a provider holding nothing any more answers; any other token succeeds.
 */
@Component
public class SimulatedPaymentGateway implements PaymentGateway {

    static final String FLAKY_TOKEN = "tok_flaky";
    static final String DECLINED_TOKEN = "tok_declined";
    static final String EXPIRING_TOKEN = "tok_expiring";
    private static final int FLAKY_FAILURES = 2;
    /** How the ids of {@code tok_expiring}'s authorisations begin. */
    private static final String EXPIRING_AUTHORIZATION = "authorize_expiring";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate noTransaction;
    private final Clock clock;
    private final PaymentSimulatorProperties settings;
    private final PaymentSettings payment;

    public SimulatedPaymentGateway(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                                   PaymentSimulatorProperties settings, PaymentSettings payment) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.noTransaction = new TransactionTemplate(transactions);
        this.noTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.clock = clock;
        this.settings = settings;
        this.payment = payment;
    }

    @Override
    public String authorize(String idempotencyKey, String token, BigDecimal amount, String currency, String reference) {
        boolean flaky = FLAKY_TOKEN.equals(token);
        boolean declined = token.startsWith(DECLINED_TOKEN)
                || (token.startsWith(EXPIRING_TOKEN) && idempotencyKey.startsWith(PaymentService.REAUTHORIZE_KEY_PREFIX))
                || ThreadLocalRandom.current().nextDouble() < settings.declineRate();
        boolean expiring = token.startsWith(EXPIRING_TOKEN);
        String authorizationId = call(idempotencyKey, "AUTHORIZE", expiring ? EXPIRING_AUTHORIZATION : "authorize",
                reference, amount, flaky, declined);
        if (expiring) {
            // Recorded as the provider's own, outside the caller's transaction; a repeated call keeps the first.
            noTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO sim_payment_expiry (authorization_id, expires_at) SELECT ?, ?
                            WHERE NOT EXISTS (SELECT 1 FROM sim_payment_expiry WHERE authorization_id = ?)""")
                    .params(authorizationId, OffsetDateTime.now(clock).plus(payment.getAuthorizationValidity()),
                            authorizationId)
                    .update());
        }
        return authorizationId;
    }

    @Override
    public String capture(String idempotencyKey, String authorizationId, BigDecimal amount) {
        return call(idempotencyKey, "CAPTURE", authorizationId, amount, false, lapsed(authorizationId));
    }

    @Override
    public String voidAuthorization(String idempotencyKey, String authorizationId, BigDecimal amount) {
        return call(idempotencyKey, "VOID", authorizationId, amount, false, lapsed(authorizationId));
    }

    /** Whether a {@code tok_expiring} authorisation lapsed; no other card's is looked up (every capture asks). */
    private boolean lapsed(String authorizationId) {
        if (!authorizationId.startsWith(EXPIRING_AUTHORIZATION)) {
            return false;
        }
        return jdbc.sql("SELECT expires_at FROM sim_payment_expiry WHERE authorization_id = ?")
                .param(authorizationId).query(OffsetDateTime.class).optional()
                .filter(expiresAt -> !OffsetDateTime.now(clock).isBefore(expiresAt)).isPresent();
    }

    @Override
    public String refund(String idempotencyKey, String authorizationId, BigDecimal amount) {
        return call(idempotencyKey, "REFUND", authorizationId, amount, false, false);
    }

    private String call(String key, String operation, String reference, BigDecimal amount, boolean flaky,
                        boolean declined) {
        return call(key, operation, operation.toLowerCase(), reference, amount, flaky, declined);
    }

    /** {@code idPrefix} begins the response's id, as a provider's ids say what they are. */
    private String call(String key, String operation, String idPrefix, String reference, BigDecimal amount,
                        boolean flaky, boolean declined) {
        pause();
        // The provider's ledger outlives the caller's transaction. A key seen for the first time is decided
        // and recorded in one statement that commits by itself; only a repeat opens a transaction of its own.
        Outcome first = outcome(idPrefix, 1, flaky, declined);
        Outcome outcome = noTransaction.execute(status -> recordFirst(key, operation, reference, amount, first))
                ? first
                : ownTransaction.execute(status -> decideAgain(key, idPrefix, flaky, declined));
        return switch (outcome.result()) {
            case "SUCCEEDED" -> outcome.responseId();
            case "DECLINED" -> throw new PaymentDeclinedException("card declined");
            default -> throw new PaymentGatewayUnavailableException(
                    "payment provider unavailable (attempt " + outcome.attempts() + " for " + key + ")");
        };
    }

    private boolean recordFirst(String key, String operation, String reference, BigDecimal amount, Outcome first) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        INSERT INTO sim_payment_ledger (idempotency_key, operation, reference, amount, outcome,
                                                        response_id, attempts, created_at, updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM sim_payment_ledger WHERE idempotency_key = ?)""")
                .params(key, operation, reference, amount, first.result(), first.responseId(), 1, now, now, key)
                .update() == 1;
    }

    private Outcome decideAgain(String key, String idPrefix, boolean flaky, boolean declined) {
        Optional<Outcome> recorded = jdbc.sql(
                        "SELECT outcome, response_id, attempts FROM sim_payment_ledger WHERE idempotency_key = ? FOR UPDATE")
                .param(key)
                .query((rs, n) -> new Outcome(rs.getString("outcome"), rs.getString("response_id"), rs.getInt("attempts")))
                .optional();
        if (recorded.isPresent() && !"FAILED".equals(recorded.get().result())) {
            return recorded.get();
        }
        Outcome next = outcome(idPrefix, recorded.map(Outcome::attempts).orElse(0) + 1, flaky, declined);
        jdbc.sql("UPDATE sim_payment_ledger SET outcome = ?, response_id = ?, attempts = ?, updated_at = ? WHERE idempotency_key = ?")
                .params(next.result(), next.responseId(), next.attempts(), OffsetDateTime.now(clock), key).update();
        return next;
    }

    private Outcome outcome(String idPrefix, int attempt, boolean flaky, boolean declined) {
        boolean fails = (flaky && attempt <= FLAKY_FAILURES)
                || ThreadLocalRandom.current().nextDouble() < settings.failureRate();
        String result = fails ? "FAILED" : declined ? "DECLINED" : "SUCCEEDED";
        String responseId = "SUCCEEDED".equals(result) ? idPrefix + "_" + UUID.randomUUID() : null;
        return new Outcome(result, responseId, attempt);
    }

    private void pause() {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentGatewayUnavailableException("interrupted while calling the payment provider");
            }
        }
    }

    private record Outcome(String result, String responseId, int attempts) {
    }
}
