package com.orderflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentRepository {

    private static final RowMapper<Payment> PAYMENT = (rs, n) -> new Payment(rs.getString("order_id"),
            rs.getString("authorization_id"), PaymentStatus.valueOf(rs.getString("status")), rs.getString("currency"),
            rs.getBigDecimal("authorized"), rs.getBigDecimal("captured"), rs.getBigDecimal("refunded"),
            rs.getBigDecimal("voided"), rs.getBigDecimal("unpaid"),
            Optional.ofNullable(rs.getObject("unpaid_settled_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
            rs.getBigDecimal("lapsed"),
            Optional.ofNullable(rs.getString("unpaid_settled_as")).map(SettlementOutcome::valueOf).orElse(null),
            rs.getString("unpaid_settlement_reference"));

    private final JdbcClient jdbc;
    private final Clock clock;

    public PaymentRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Payment> find(String orderId) {
        return jdbc.sql("SELECT * FROM payment WHERE order_id = ?").param(orderId).query(PAYMENT).optional();
    }

    public Optional<Payment> lock(String orderId) {
        return jdbc.sql("SELECT * FROM payment WHERE order_id = ? FOR UPDATE").param(orderId).query(PAYMENT).optional();
    }

    public void insert(Payment payment) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        INSERT INTO payment (order_id, authorization_id, status, currency, authorized, captured, refunded,
                                             voided, authorized_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(payment.orderId(), payment.authorizationId(), payment.status().name(), payment.currency(),
                        payment.authorized(), payment.captured(), payment.refunded(), payment.voided(),
                        payment.authorizationId() == null ? null : now, now)
                .update();
    }

    public void update(Payment payment) {
        jdbc.sql("""
                        UPDATE payment SET status = ?, captured = ?, refunded = ?, voided = ?, updated_at = ?
                        WHERE order_id = ?""")
                .params(payment.status().name(), payment.captured(), payment.refunded(), payment.voided(),
                        OffsetDateTime.now(clock), payment.orderId())
                .update();
    }

    /** The provider's authorisation now in force: a renewal replaced the one about to lapse. */
    public void replaceAuthorization(String orderId, String authorizationId) {
        jdbc.sql("UPDATE payment SET authorization_id = ?, updated_at = ? WHERE order_id = ?")
                .params(authorizationId, OffsetDateTime.now(clock), orderId).update();
    }

    /**
     * A parcel of the order has left and its charge is not on the books yet (its capture may have been tried); one
     * the provider refused to charge was left unpaid, and is not.
     */
    public boolean captureUnderWay(String orderId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM shipment s
                        WHERE s.order_id = ? AND s.status = 'DISPATCHED'
                          AND NOT EXISTS (SELECT 1 FROM payment_operation p
                                          WHERE p.idempotency_key IN ('capture:' || s.id, 'unpaid:' || s.id))
                          AND EXISTS (SELECT 1 FROM shipment_line l WHERE l.shipment_id = s.id AND l.unit_price > 0)""")
                .param(orderId).query(Integer.class).single() > 0;
    }

    /**
     * SQL for when the provider granted the authorisation in force of payment {@code p}: the order's first, or the
     * renewal that brought it.
     */
    static final String GRANTED_AT = """
            (SELECT MAX(o.at) FROM payment_operation o
             WHERE o.order_id = p.order_id AND o.gateway_reference = p.authorization_id
               AND o.kind IN ('AUTHORIZE', 'REAUTHORIZE'))""";

    /** When the provider granted the order's authorisation in force. */
    public Optional<Instant> grantedAt(String orderId) {
        return jdbc.sql("SELECT " + GRANTED_AT + " FROM payment p WHERE p.order_id = ?").param(orderId)
                .query(OffsetDateTime.class).list().stream().filter(Objects::nonNull).findFirst()
                .map(OffsetDateTime::toInstant);
    }

    /** The provider refused to charge the parcel, or it left while the payment was held: ops collect it. */
    public boolean leftUnpaid(String shipmentId) {
        return operationDone("unpaid:" + shipmentId);
    }

    /** Whether any of these operations was done, in one query: a capture asks for itself and for its parcel left unpaid. */
    public boolean anyOperationDone(List<String> idempotencyKeys) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE idempotency_key IN (:keys)")
                .param("keys", idempotencyKeys).query(Integer.class).single() > 0;
    }

    public boolean operationDone(String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE idempotency_key = ?")
                .param(idempotencyKey).query(Integer.class).single() > 0;
    }

    /** What was open of the authorisation lapsed unused: nothing was released (see {@link Payment#lapsed}). */
    public void recordLapsed(String orderId, PaymentStatus status, BigDecimal amount) {
        jdbc.sql("UPDATE payment SET status = ?, lapsed = lapsed + ?, updated_at = ? WHERE order_id = ?")
                .params(status.name(), amount, OffsetDateTime.now(clock), orderId).update();
    }

    /** Records a money movement of the order, in its payment's currency. */
    public void recordOperation(String idempotencyKey, String orderId, String kind, BigDecimal amount,
                                String gatewayReference) {
        jdbc.sql("""
                        INSERT INTO payment_operation (idempotency_key, order_id, kind, amount, gateway_reference, at, currency)
                        VALUES (?, ?, ?, ?, ?, ?, (SELECT currency FROM payment WHERE order_id = ?))""")
                .params(idempotencyKey, orderId, kind, amount, gatewayReference, OffsetDateTime.now(clock), orderId)
                .update();
    }

    /** The order's ledger, oldest first. */
    public List<PaymentOperation> operationsOf(String orderId) {
        return jdbc.sql("""
                        SELECT kind, amount, currency, idempotency_key, gateway_reference, at FROM payment_operation
                        WHERE order_id = ? ORDER BY at, idempotency_key""")
                .param(orderId)
                .query((rs, n) -> new PaymentOperation(rs.getString("kind"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), rs.getString("idempotency_key"), rs.getString("gateway_reference"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** What ops settled of the parcels left unpaid so far. */
    public BigDecimal settledUnpaid(String orderId) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment_operation WHERE order_id = ? AND kind = 'UNPAID_SETTLED'")
                .param(orderId).query(BigDecimal.class).single();
    }

    /** Adds a parcel's value to what the customer has not paid for (once per parcel: see the operation's key). */
    public void addUnpaid(String orderId, BigDecimal amount) {
        // A debt settled before is open again: the order is listed and its customer's data kept until ops settle it.
        jdbc.sql("UPDATE payment SET unpaid = unpaid + ?, unpaid_settled_at = NULL, updated_at = ? WHERE order_id = ?")
                .params(amount, OffsetDateTime.now(clock), orderId).update();
    }

    /** Ops collected what was unpaid, or wrote it off. */
    public void settleUnpaid(String orderId, Instant at, String by, SettlementOutcome outcome, String reference) {
        jdbc.sql("""
                        UPDATE payment SET unpaid_settled_at = ?, unpaid_settled_by = ?, unpaid_settled_as = ?,
                                           unpaid_settlement_reference = ?, updated_at = ?
                        WHERE order_id = ?""")
                .params(at.atOffset(ZoneOffset.UTC), by, outcome.name(), reference, OffsetDateTime.now(clock), orderId)
                .update();
    }
}
