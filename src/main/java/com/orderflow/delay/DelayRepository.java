package com.orderflow.delay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delay columns of an order (see V7); the caller holds the order's row lock when it writes. */
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
