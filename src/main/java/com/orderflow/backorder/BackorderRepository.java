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
            rs.getString("status"));

    private final JdbcClient jdbc;
    private final Clock clock;

    public BackorderRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(String orderId, int lineNo, String sku, int quantity, int priority, Instant orderedAt, Eta eta) {
        jdbc.sql("""
                        INSERT INTO backorder (order_id, line_no, sku, quantity, open_quantity, priority, ordered_at,
                                               created_at, eta, eta_basis, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(orderId, lineNo, sku, quantity, quantity, priority, utc(orderedAt), OffsetDateTime.now(clock),
                        utc(eta.at()), eta.basis().name())
                .update();
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
                        SELECT * FROM backorder WHERE sku = ? AND status = 'OPEN'
                        ORDER BY priority DESC, ordered_at, id
                        FETCH FIRST ? ROWS ONLY FOR UPDATE""")
                .params(sku, limit).query(BACKORDER).list();
    }

    public int queueLength(String sku) {
        return jdbc.sql("SELECT COUNT(*) FROM backorder WHERE sku = ? AND status = 'OPEN'").param(sku)
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
