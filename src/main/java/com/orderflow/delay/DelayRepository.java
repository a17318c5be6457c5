package com.orderflow.delay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delay columns of an order (see V7) and of its backordered lines (V38); the caller holds the order's row lock
 * when it writes.
 */
@Repository
public class DelayRepository {

    private final JdbcClient jdbc;

    public DelayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DelayState> find(String orderId) {
        return jdbc.sql("""
                        SELECT first_promised_eta, announced_eta, delay_notices, consolation, consolation_discount_percent,
                               discount_code, eta_told_zone
                        FROM orders WHERE id = ?""")
                .param(orderId)
                .query((rs, n) -> new DelayState(instant(rs.getObject("first_promised_eta", OffsetDateTime.class)),
                        instant(rs.getObject("announced_eta", OffsetDateTime.class)), rs.getInt("delay_notices"),
                        rs.getString("consolation"), (Integer) rs.getObject("consolation_discount_percent"),
                        rs.getString("discount_code"), zone(rs.getString("eta_told_zone"))))
                .optional();
    }

    public void recordNotice(String orderId, int notices, Instant announcedEta, String consolation,
                             Integer discountPercent, String discountCode) {
        jdbc.sql("""
                        UPDATE orders SET delay_notices = ?, announced_eta = ?, consolation = ?,
                               consolation_discount_percent = ?, discount_code = ?
                        WHERE id = ?""")
                .params(notices, utc(announcedEta), consolation, discountPercent, discountCode, orderId).update();
    }

    /** The order's waiting lines that have an ETA, with what their customer was told of each (V38). */
    public List<LineDelayState> waitingLines(String orderId) {
        return jdbc.sql("""
                        SELECT b.line_no, b.sku, b.eta, p.first_promised_eta, p.announced_eta
                        FROM backorder b LEFT JOIN backorder_promise p ON p.backorder_id = b.id
                        WHERE b.order_id = ? AND b.status = 'OPEN' AND b.open_quantity > 0 AND b.eta IS NOT NULL
                        ORDER BY b.line_no""")
                .param(orderId)
                .query((rs, n) -> new LineDelayState(rs.getInt("line_no"), rs.getString("sku"),
                        instant(rs.getObject("eta", OffsetDateTime.class)),
                        instant(rs.getObject("first_promised_eta", OffsetDateTime.class)),
                        instant(rs.getObject("announced_eta", OffsetDateTime.class))))
                .list();
    }

    /**
     * A delay notice gave each waiting line its date as it stands (see {@link #waitingLines}). Written to the lines'
     * own table: a receipt holds their backorders while it fills the order's lines, which the order's steps hold.
     */
    public void recordLinesAnnounced(String orderId) {
        jdbc.sql("""
                        UPDATE backorder_promise
                        SET announced_eta = (SELECT b.eta FROM backorder b WHERE b.id = backorder_promise.backorder_id)
                        WHERE backorder_id IN (SELECT b.id FROM backorder b WHERE b.order_id = ? AND b.status = 'OPEN'
                                               AND b.open_quantity > 0 AND b.eta IS NOT NULL)""")
                .param(orderId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static ZoneId zone(String id) {
        return id == null ? null : ZoneId.of(id);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
