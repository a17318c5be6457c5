package com.orderflow.notification;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer whose e-mails bounced (a mistyped address) or never came: support corrects the address on the open
 * order. Notices still waiting go to the new address, and those given up are sent again to it, from their first
 * attempt; later notices are written to it. The same address again only sends again what was given up (a full
 * mailbox). A finished order sends nothing more, so its address is not changed (erasure is for that).
 */
@Service
public class CustomerEmailChange {

    private final OrderRepository orders;
    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Clock clock;

    public CustomerEmailChange(OrderRepository orders, JdbcClient jdbc, Timeline timeline, Clock clock) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** What changed: notices now waiting for the new address, and of those how many had been given up. */
    public record Readdressed(String orderId, int waitingNotices, int resentNotices) {
    }

    @Transactional
    public Readdressed change(String orderId, String email, String by) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (order.isFinished()) {
            throw new ConflictException("Order " + orderId + " is " + order.status() + ": no more e-mails go to its customer");
        }
        orders.changeEmail(orderId, email);
        int waiting = jdbc.sql("UPDATE notification_outbox SET recipient = ? WHERE order_id = ? AND status = 'PENDING'")
                .params(email, orderId).update();
        // A given-up notice keeps its text (only sent ones are blanked), so it can go out as written.
        int resent = jdbc.sql("""
                        UPDATE notification_outbox SET recipient = ?, status = 'PENDING', attempts = 0, next_attempt_at = ?,
                            last_error = NULL
                        WHERE order_id = ? AND status = 'FAILED' AND body_text <> ''""")
                .params(email, OffsetDateTime.now(clock), orderId).update();
        timeline.record(orderId, TimelineType.EMAIL_CHANGED,
                Map.of("by", by, "waitingNotices", waiting + resent, "resentNotices", resent), null);
        return new Readdressed(orderId, waiting + resent, resent);
    }
}
