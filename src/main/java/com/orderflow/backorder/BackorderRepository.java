package com.orderflow.backorder;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BackorderRepository {

    private static final RowMapper<Backorder> BACKORDER = (rs, n) -> new Backorder(rs.getLong("id"),
            rs.getString("order_id"), rs.getInt("line_no"), rs.getString("sku"), rs.getInt("quantity"),
            rs.getInt("open_quantity"), rs.getInt("priority"), instant(rs.getObject("ordered_at", OffsetDateTime.class)),
            instant(rs.getObject("eta", OffsetDateTime.class)),
            rs.getString("eta_basis") == null ? null : EtaBasis.valueOf(rs.getString("eta_basis")),
            rs.getString("status"), "DROP_SHIP".equals(rs.getString("fulfilment")));

    private final JdbcClient jdbc;
    private final Clock clock;

    public BackorderRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts an open backorder without an ETA yet; answers its id. */
    public long insert(String orderId, int lineNo, String sku, int quantity, int priority, Instant orderedAt) {
        jdbc.sql("""
                        INSERT INTO backorder (order_id, line_no, sku, quantity, open_quantity, priority, ordered_at,
                                               created_at, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(orderId, lineNo, sku, quantity, quantity, priority, utc(orderedAt), OffsetDateTime.now(clock))
                .update();
        return jdbc.sql("SELECT id FROM backorder WHERE order_id = ? AND line_no = ?").params(orderId, lineNo)
                .query(Long.class).single();
    }

    public void plan(long id, Eta eta, boolean dropShip) {
        jdbc.sql("UPDATE backorder SET eta = ?, eta_basis = ?, fulfilment = ? WHERE id = ?")
                .params(utc(eta.at()), eta.basis().name(), dropShip ? "DROP_SHIP" : "WAREHOUSE", id).update();
    }

    /**
     * Moves an open backorder's ETA and answers whether it did. A filled or cancelled one keeps the ETA it
     * had then: a decision read it as open, and a receipt filled it before the update came.
     */
    public boolean moveEta(long id, Eta eta) {
        return jdbc.sql("UPDATE backorder SET eta = ?, eta_basis = ? WHERE id = ? AND status = 'OPEN'")
                .params(utc(eta.at()), eta.basis().name(), id).update() == 1;
    }

    public Optional<Backorder> find(long id) {
        return jdbc.sql("SELECT * FROM backorder WHERE id = ?").param(id).query(BACKORDER).optional();
    }

    public void cancel(long id) {
        jdbc.sql("UPDATE backorder SET status = 'CANCELLED', open_quantity = 0 WHERE id = ?").param(id).update();
    }

    /** Supplied by the supplier straight to the customer: no warehouse units owed any more. */
    public void fillDirectly(long id) {
        jdbc.sql("UPDATE backorder SET open_quantity = 0, status = 'FILLED', filled_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(clock), id).update();
    }

    public List<Backorder> ofOrder(String orderId) {
        return jdbc.sql("SELECT * FROM backorder WHERE order_id = ? ORDER BY line_no").param(orderId)
                .query(BACKORDER).list();
    }

    public Optional<Backorder> openForLine(String orderId, int lineNo) {
        return jdbc.sql("SELECT * FROM backorder WHERE order_id = ? AND line_no = ? AND status = 'OPEN'")
                .params(orderId, lineNo).query(BACKORDER).optional();
    }

    /**
     * The head of the queue for a product, locked: at most {@code limit} open backorders, highest
     * priority first, then the oldest order first.
     */
    public List<Backorder> lockQueueHead(String sku, int limit) {
        return jdbc.sql("""
                        SELECT * FROM backorder WHERE sku = ? AND status = 'OPEN' AND fulfilment = 'WAREHOUSE'
                        ORDER BY priority DESC, ordered_at, id
                        FETCH FIRST ? ROWS ONLY FOR UPDATE""")
                .params(sku, limit).query(BACKORDER).list();
    }

    public int queueLength(String sku) {
        return jdbc.sql("SELECT COUNT(*) FROM backorder WHERE sku = ? AND status = 'OPEN' AND fulfilment = 'WAREHOUSE'")
                .param(sku)
                .query(Integer.class).single();
    }

    public int openUnits(String sku) {
        return jdbc.sql("SELECT COALESCE(SUM(open_quantity), 0) FROM backorder WHERE sku = ? AND status = 'OPEN'")
                .param(sku).query(Integer.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
