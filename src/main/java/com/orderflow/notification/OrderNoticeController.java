package com.orderflow.notification;

import com.orderflow.api.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}/notices}, for ops: the e-mails written to the customer, oldest first. The
 * timeline's {@code NOTIFIED} says a notice was written; whether and when it reached the mail server, and what it
 * said, support read here rather than in the database. Ops only: a delay notice's text holds the customer's
 * choice link, which acts for them.
 */
@RestController
public class OrderNoticeController {

    private final JdbcClient jdbc;

    public OrderNoticeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/orders/{orderId}/notices")
    public List<OrderNotice> notices(@PathVariable String orderId) {
        if (jdbc.sql("SELECT COUNT(*) FROM orders WHERE id = ?").param(orderId).query(Integer.class).single() == 0) {
            throw new NotFoundException("No order " + orderId);
        }
        return jdbc.sql("""
                        SELECT id, kind, reference, recipient, locale, subject, status, attempts, created_at, next_attempt_at,
                               sent_at, last_error, body_text
                        FROM notification_outbox WHERE order_id = ? ORDER BY created_at, id""")
                .param(orderId)
                .query((rs, n) -> {
                    String status = rs.getString("status");
                    String text = rs.getString("body_text");
                    return new OrderNotice(rs.getLong("id"), NoticeKind.valueOf(rs.getString("kind")),
                            rs.getString("reference"), rs.getString("recipient"), rs.getString("locale"),
                            rs.getString("subject"), status, rs.getInt("attempts"), instant(rs.getObject("created_at",
                            OffsetDateTime.class)),
                            "PENDING".equals(status) ? instant(rs.getObject("next_attempt_at", OffsetDateTime.class)) : null,
                            instant(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("last_error"),
                            text == null || text.isEmpty() ? null : text);
                })
                .list();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
