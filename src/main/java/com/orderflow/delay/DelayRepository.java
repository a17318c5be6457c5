package com.orderflow.delay;

import com.orderflow.backorder.BackorderPromises;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delay columns of an order (see V7), read with its waiting lines' promises ({@link BackorderPromises}); the caller
 * holds the order's row lock when it writes.
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

    /** The order's waiting lines that have an ETA, with what their customer was told of each. */
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
