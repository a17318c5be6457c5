package com.orderflow.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_outbox} table: notices waiting to be e-mailed, and what became of them.
 * Statuses: PENDING (due at {@code next_attempt_at}), SENDING (held by one sender), SENT, FAILED.
 */
@Repository
class NoticeOutbox {

    private static final int MAX_ERROR_LENGTH = 1000;
    static final String ABANDONED =
            "The sender stopped while sending; the notice may or may not have been delivered, so it is not sent again";
    /** Due notices one claim looks at; a sender that finds them all taken tries again at its next look. */
    private static final int CANDIDATES = 16;

    private final JdbcClient jdbc;
    private final Clock clock;

    NoticeOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Adds a notice, due at once, unless one with its key (or {@code sameNoticeKey}, the key the same notice may
     * have been written under) was added before; answers whether it did. Runs in the caller's transaction, so it
     * commits or rolls back with it.
     */
    boolean add(String dedupKey, String sameNoticeKey, String orderId, NoticeKind kind, String reference, String recipient,
                String recipientName, String locale, RenderedNotice notice) {
        OffsetDateTime now = now();
        // One statement, not a look-up and an insert: every order writes notices, and round trips are their cost.
        return jdbc.sql("""
                        INSERT INTO notification_outbox (dedup_key, order_id, kind, reference, recipient, recipient_name,
                                                         locale, subject, body_text, body_html, status, attempts,
                                                         next_attempt_at, created_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM notification_outbox WHERE dedup_key IN (?, ?))""")
                .params(dedupKey, orderId, kind.name(), reference, recipient, recipientName, locale, notice.subject(),
                        notice.text(), notice.html(), now, now, dedupKey, sameNoticeKey)
                .update() == 1;
    }

    /**
     * Takes the oldest due notice until {@code now + lease}, under a new claim, counting the attempt.
     * Must run in a short transaction of its own: the row lock keeps other senders off the notice
     * until its SENDING mark commits, and SKIP LOCKED lets them pass on to the next one meanwhile.
     * The lock is taken by primary key, one row at a time: H2 would otherwise lock every due row it
     * sorts, and a second sender would find none.
     */
    Optional<OutboxNotice> claimNext(Duration lease) {
        OffsetDateTime now = now();
        List<Long> due = jdbc.sql("""
                        SELECT id FROM notification_outbox
                        WHERE status = 'PENDING' AND next_attempt_at <= ?
                        ORDER BY id
                        FETCH FIRST ? ROWS ONLY""")
                .params(now, CANDIDATES).query(Long.class).list();
        String claim = UUID.randomUUID().toString();
        for (long id : due) {
            Optional<OutboxNotice> free = jdbc.sql("""
                            SELECT * FROM notification_outbox
                            WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                            FOR UPDATE SKIP LOCKED""")
                    .params(id, now)
                    .query((rs, n) -> notice(rs, claim, rs.getInt("attempts") + 1))
                    .optional();
            if (free.isPresent()) {
                jdbc.sql("""
                                UPDATE notification_outbox
                                SET status = 'SENDING', attempts = ?, claimed_by = ?, claimed_until = ?
                                WHERE id = ?""")
                        .params(free.get().attempts(), claim, now.plus(lease), id)
                        .update();
                return free;
            }
        }
        return Optional.empty();
    }

    /**
     * Records a delivery. Keyed by the claim, not the status: should the claim have been given up
     * meanwhile, the truth still wins.
     */
    void markSent(long id, String claim) {
        OffsetDateTime now = now();
        jdbc.sql("""
                        UPDATE notification_outbox
                        SET status = 'SENT', sent_at = ?, body_kept_since = ?, claimed_by = NULL, claimed_until = NULL,
                            last_error = NULL
                        WHERE id = ? AND claimed_by = ?""")
                .params(now, now, id, claim)
                .update();
    }

    /**
     * Blanks the bodies of notices sent before {@code before}, a thousand at a time; answers how many. The
     * bodies hold the customer's name, the items and the personal choice links, none of which the outbox needs
     * once support no longer reads them.
     */
    int forgetSentBodies(Instant before) {
        int forgotten = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                            UPDATE notification_outbox SET body_text = '', body_html = '', body_kept_since = NULL
                            WHERE id IN (SELECT id FROM notification_outbox WHERE body_kept_since < ?
                                         ORDER BY body_kept_since LIMIT 1000)""")
                    .params(before.atOffset(ZoneOffset.UTC))
                    .update();
            forgotten += batch;
        } while (batch == 1000);
        return forgotten;
    }

    /** Puts the notice back to be tried again at {@code nextAttempt}. */
    void retryLater(long id, String claim, Instant nextAttempt, String error) {
        jdbc.sql("""
                        UPDATE notification_outbox
                        SET status = 'PENDING', next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
                        WHERE id = ? AND claimed_by = ? AND status = 'SENDING'""")
                .params(nextAttempt.atOffset(ZoneOffset.UTC), truncate(error), id, claim)
                .update();
    }

    /**
     * Puts the notice back to be tried at {@code nextAttempt} without counting this attempt: the mail
     * server, not the notice, failed, and an outage must not use up the attempts of every notice it holds.
     */
    void waitForServer(long id, String claim, Instant nextAttempt, String error) {
        jdbc.sql("""
                        UPDATE notification_outbox
                        SET status = 'PENDING', attempts = attempts - 1, next_attempt_at = ?, last_error = ?,
                            claimed_by = NULL, claimed_until = NULL
                        WHERE id = ? AND claimed_by = ? AND status = 'SENDING'""")
                .params(nextAttempt.atOffset(ZoneOffset.UTC), truncate(error), id, claim)
                .update();
    }

    /**
     * Counts, after all, the attempt {@link #waitForServer} did not count: the server failed on this notice
     * and then took another, so the trouble is the notice's. Only while the notice waits as it was put back
     * (no sender took it meanwhile); answers whether it did.
     */
    boolean countWaitingAttempt(long id, int attempts, Instant nextAttempt) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?
                        WHERE id = ? AND status = 'PENDING' AND attempts = ?""")
                .params(attempts, nextAttempt.atOffset(ZoneOffset.UTC), id, attempts - 1)
                .update() == 1;
    }

    /** Gives up a notice waiting as {@link #waitForServer} put it back, on the same terms as {@link #countWaitingAttempt}. */
    boolean failWaiting(long id, int attempts, String error) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET status = 'FAILED', attempts = ?, last_error = ?
                        WHERE id = ? AND status = 'PENDING' AND attempts = ?""")
                .params(attempts, truncate(error), id, attempts - 1)
                .update() == 1;
    }

    /** Gives the notice up: it will not be sent. */
    void markFailed(long id, String claim, String error) {
        jdbc.sql("""
                        UPDATE notification_outbox
                        SET status = 'FAILED', last_error = ?, claimed_by = NULL, claimed_until = NULL
                        WHERE id = ? AND claimed_by = ? AND status = 'SENDING'""")
                .params(truncate(error), id, claim)
                .update();
    }

    /**
     * Gives up notices whose sender stopped mid-send (the claim ran out). They may have reached the
     * customer, so they are not sent again; ops find them as FAILED with the reason. Answers them.
     */
    List<OutboxNotice> abandonExpiredClaims() {
        List<OutboxNotice> abandoned = jdbc.sql("""
                        SELECT * FROM notification_outbox WHERE status = 'SENDING' AND claimed_until < ?
                        FOR UPDATE SKIP LOCKED""")
                .param(now())
                .query((rs, n) -> notice(rs, rs.getString("claimed_by"), rs.getInt("attempts")))
                .list();
        for (OutboxNotice notice : abandoned) {
            // The claim stays: should the slow sender deliver after all, its markSent still finds the notice.
            jdbc.sql("UPDATE notification_outbox SET status = 'FAILED', last_error = ? WHERE id = ? AND status = 'SENDING'")
                    .params(ABANDONED, notice.id()).update();
        }
        return abandoned;
    }

    /** The order's notices as support reads them, oldest first. */
    List<OrderNotice> ofOrder(String orderId) {
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
                            rs.getString("subject"), status, rs.getInt("attempts"), instant(rs, "created_at"),
                            "PENDING".equals(status) ? instant(rs, "next_attempt_at") : null, instant(rs, "sent_at"),
                            rs.getString("last_error"), text == null || text.isEmpty() ? null : text);
                })
                .list();
    }

    /**
     * How an order's notices stand, counted here rather than read with their texts: given up ({@code FAILED}) and
     * waiting after the mail server refused them, each with the server's last reply.
     */
    record Delivery(int notices, int failed, String lastFailure, int waiting, int refused, String lastRefusal) {
    }

    Delivery deliveryOf(String orderId) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS notices,
                               COUNT(CASE WHEN status = 'FAILED' THEN 1 END) AS failed,
                               COUNT(CASE WHEN status IN ('PENDING', 'SENDING') THEN 1 END) AS waiting,
                               COUNT(CASE WHEN status IN ('PENDING', 'SENDING') AND last_error IS NOT NULL THEN 1 END) AS refused,
                               (SELECT last_error FROM notification_outbox WHERE order_id = :order AND status = 'FAILED'
                                ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY) AS last_failure,
                               (SELECT last_error FROM notification_outbox WHERE order_id = :order
                                AND status IN ('PENDING', 'SENDING') AND last_error IS NOT NULL
                                ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY) AS last_refusal
                        FROM notification_outbox WHERE order_id = :order""")
                .param("order", orderId)
                .query((rs, n) -> new Delivery(rs.getInt("notices"), rs.getInt("failed"), rs.getString("last_failure"),
                        rs.getInt("waiting"), rs.getInt("refused"), rs.getString("last_refusal")))
                .single();
    }

    /** How many of an order's notices {@link #readdress} sends to the new address, and how many of them it resent. */
    record ReaddressedNotices(int waiting, int resent) {
    }

    /**
     * Sends the order's notices still waiting to {@code recipient}, and those given up again to it, due at once and
     * from their first attempt. A given-up notice keeps its text (only sent ones are blanked), so it goes out as
     * written.
     */
    ReaddressedNotices readdress(String orderId, String recipient) {
        int waiting = jdbc.sql("UPDATE notification_outbox SET recipient = ? WHERE order_id = ? AND status = 'PENDING'")
                .params(recipient, orderId).update();
        int resent = jdbc.sql("""
                        UPDATE notification_outbox SET recipient = ?, status = 'PENDING', attempts = 0, next_attempt_at = ?,
                            last_error = NULL
                        WHERE order_id = ? AND status = 'FAILED' AND body_text <> ''""")
                .params(recipient, now(), orderId).update();
        return new ReaddressedNotices(waiting + resent, resent);
    }

    private static OutboxNotice notice(ResultSet rs, String claim, int attempts) throws SQLException {
        return new OutboxNotice(rs.getLong("id"), claim, rs.getString("dedup_key"), rs.getString("order_id"),
                NoticeKind.valueOf(rs.getString("kind")), rs.getString("recipient"), rs.getString("recipient_name"),
                rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), attempts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
