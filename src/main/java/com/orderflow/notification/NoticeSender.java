package com.orderflow.notification;

import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox over SMTP. Any number of senders, on one node or many, may run at once: each
 * notice is claimed by exactly one of them in a short transaction of its own before it is sent, so
 * no notice is sent twice. A notice the server refused for good (5xx: an unknown recipient) is given up
 * at once; one refused for now (4xx) is retried with exponential back-off until
 * {@code orderflow.notification.max-attempts}. A notice given up is FAILED, and the order's timeline
 * says so. A server that cannot be reached or refuses the session fails no notice: they all wait for
 * it, however long it is away, and each look tries the oldest one again. A server that fails on one
 * notice (drops the connection on it, say) and then takes the next is not away: that notice's attempt
 * counts, as for a refusal for now, so it cannot be retried for ever unseen.
 */
@Component
public class NoticeSender {

    private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);
    /** RFC 5321's "service not available, closing transmission channel": the server's state, in any phase. */
    private static final int SERVICE_NOT_AVAILABLE = 421;
    static final String REPLY_LOST = "The mail server had the whole message but its answer did not come (it took longer"
            + " than mail.smtp.timeout, or the connection dropped); the notice may or may not have been delivered, so it is"
            + " not sent again";
    private static final Pattern ADDRESS =
            Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");

    private final NoticeOutbox outbox;
    private final NoticeMailer mailer;
    private final NotificationProperties settings;
    private final Timeline timeline;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private volatile boolean stopping;

    public NoticeSender(NoticeOutbox outbox, NoticeMailer mailer, NotificationProperties settings, Timeline timeline,
                        PlatformTransactionManager transactions, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.settings = settings;
        this.timeline = timeline;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Sends due notices, at most one batch, and answers how many went out. When the SMTP server fails, the
     * next notice tells whether it is down or failed on that notice only: the look stops once two notices
     * in a row met the server's trouble, since the notices behind would fail alike.
     */
    public int sendDue() {
        if (!mailer.configured()) {
            return 0;
        }
        ownTransaction.executeWithoutResult(status -> outbox.abandonExpiredClaims().forEach(notice -> {
            timeline.record(notice.orderId(), TimelineType.NOTICE_FAILED, Map.of("kind", notice.kind().name(),
                    "reason", NoticeOutbox.ABANDONED), "notice-failed:" + notice.id());
            log.error("Notice {} ({} of order {}) was left mid-send by a sender that stopped; marked FAILED, not sent"
                    + " again: it may have reached the customer", notice.id(), notice.kind(), notice.orderId());
        }));
        int sent = 0;
        Delivery serverFailed = null;
        for (int i = 0; i < settings.batchSize() && !stopping; i++) {
            Optional<OutboxNotice> claimed = ownTransaction.execute(status -> outbox.claimNext(settings.claimTimeout()));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            Delivery delivery = deliver(claimed.get());
            if (delivery.outcome() == Outcome.SERVER_UNAVAILABLE) {
                if (serverFailed != null) {
                    break;
                }
                serverFailed = delivery;
                continue;
            }
            if (serverFailed != null && delivery.outcome().serverAnswered()) {
                countAfterAll(serverFailed);
                serverFailed = null;
            }
            if (delivery.outcome() == Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Claims nothing more once the service is stopping. A stopping node went on claiming for the rest of its
     * look, and the notice in hand when the orchestrator's kill came after the grace period was given up
     * as "may have gone out", never sent; left unclaimed, another node (or this one, restarted) sends it.
     */
    @EventListener(ContextClosedEvent.class)
    public void stopClaiming() {
        stopping = true;
    }

    private enum Outcome {
        SENT, REFUSED, UNUSABLE, SERVER_UNAVAILABLE, REPLY_LOST;

        boolean serverAnswered() {
            return this == SENT || this == REFUSED;
        }
    }

    private record Delivery(OutboxNotice notice, Outcome outcome, String error) {
    }

    private Delivery deliver(OutboxNotice notice) {
        try {
            mailer.send(notice);
        } catch (MailPreparationException unusable) {
            giveUp(notice, unusable);
            return new Delivery(notice, Outcome.UNUSABLE, describe(unusable));
        } catch (RuntimeException failed) {
            if (replyLost(failed)) {
                // As for a sender that died mid-send: at most once per notice.
                giveUp(notice, REPLY_LOST, describe(failed));
                return new Delivery(notice, Outcome.REPLY_LOST, describe(failed));
            }
            OptionalInt refusal = refusal(failed);
            if (refusal.isEmpty()) {
                waitForServer(notice, failed);
                return new Delivery(notice, Outcome.SERVER_UNAVAILABLE, describe(failed));
            }
            // The server works and refused this message only: the notices behind it go on.
            if (refusal.getAsInt() >= 500) {
                giveUp(notice, failed);
            } else {
                retryOrGiveUp(notice, failed);
            }
            return new Delivery(notice, Outcome.REFUSED, describe(failed));
        }
        ownTransaction.executeWithoutResult(status -> outbox.markSent(notice.id(), notice.claim()));
        log.info("Notice {} ({} of order {}) sent", notice.id(), notice.kind(), notice.orderId());
        return new Delivery(notice, Outcome.SENT, null);
    }

    /**
     * The server failed on this notice and then answered the next one: the trouble is the notice's (a server
     * dropping the connection on its content, say), so the attempt put back uncounted counts after all. Left as
     * it is should a sender have taken the notice meanwhile.
     */
    private void countAfterAll(Delivery serverFailed) {
        OutboxNotice notice = serverFailed.notice();
        if (notice.attempts() >= settings.maxAttempts()) {
            String reason = "the mail server failed on this notice while it took others: " + serverFailed.error();
            boolean failed = Boolean.TRUE.equals(ownTransaction.execute(status -> {
                if (!outbox.failWaiting(notice.id(), notice.attempts(), reason)) {
                    return false;
                }
                recordFailed(notice, reason);
                return true;
            }));
            if (failed) {
                logGivenUp(notice, reason);
            }
            return;
        }
        Instant next = clock.instant().plus(settings.backoff().afterAttempt(notice.attempts()));
        boolean counted = Boolean.TRUE.equals(ownTransaction.execute(status ->
                outbox.countWaitingAttempt(notice.id(), notice.attempts(), next)));
        if (counted) {
            log.warn("Notice {} ({} of order {}) not sent, attempt {} of {}: the mail server failed on it and took the next"
                    + " notice; next attempt at {}", notice.id(), notice.kind(), notice.orderId(), notice.attempts(),
                    settings.maxAttempts(), next);
        }
    }

    private void retryOrGiveUp(OutboxNotice notice, Exception failure) {
        if (notice.attempts() >= settings.maxAttempts()) {
            giveUp(notice, failure);
            return;
        }
        Instant next = clock.instant().plus(settings.backoff().afterAttempt(notice.attempts()));
        // Support read the outbox's error (GET /api/orders/{id}/notices, ops' forms): the server's reply, as the
        // timeline's; the log keeps the failure's whole chain.
        ownTransaction.executeWithoutResult(status ->
                outbox.retryLater(notice.id(), notice.claim(), next, reply(failure)));
        log.warn("Notice {} ({} of order {}) not sent, attempt {} of {}; next attempt at {}: {}", notice.id(),
                notice.kind(), notice.orderId(), notice.attempts(), settings.maxAttempts(), next, describe(failure));
    }

    /**
     * The SMTP reply code with which the server refused this message: its recipient (RCPT TO) or its
     * content (DATA). 5xx for good ("550 User unknown"; trying again for an hour changed nothing), 4xx for
     * now; a refusal without a code counts as for now. Empty for the server's own trouble, where the next
     * notice would fail alike: no connection, a refused login, a refused sender (MAIL FROM, often a missing
     * or expired login), a "421 service not available" in any phase, a timeout, a server going away.
     */
    private static OptionalInt refusal(Throwable failure) {
        if (failure instanceof MailSendException send && send.getMessageExceptions().length > 0) {
            // Spring keeps each message's own failure beside the exception, not as its cause.
            failure = send.getMessageExceptions()[0];
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        boolean serversTrouble = chain.stream().anyMatch(cause -> cause instanceof SMTPSenderFailedException
                || cause instanceof SMTPSendFailedException send && (send.getReturnCode() == SERVICE_NOT_AVAILABLE
                        || send.getCommand() != null && send.getCommand().toUpperCase(Locale.ROOT).startsWith("MAIL FROM")));
        if (serversTrouble) {
            return OptionalInt.empty();
        }
        for (Throwable cause : chain) {
            if (cause instanceof SMTPAddressFailedException address) {
                return OptionalInt.of(address.getReturnCode());
            }
            if (cause instanceof SMTPSendFailedException message) {
                return OptionalInt.of(message.getReturnCode());
            }
        }
        return chain.stream().anyMatch(SendFailedException.class::isInstance) ? OptionalInt.of(400) : OptionalInt.empty();
    }

    private static boolean replyLost(Throwable failure) {
        if (failure instanceof MailSendException send && send.getMessageExceptions().length > 0) {
            failure = send.getMessageExceptions()[0];
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ReplyAwareSmtpTransport.ReplyLostException) {
                return true;
            }
        }
        return false;
    }

    private void waitForServer(OutboxNotice notice, Exception failure) {
        Instant next = clock.instant().plus(settings.backoff().initial());
        ownTransaction.executeWithoutResult(status ->
                outbox.waitForServer(notice.id(), notice.claim(), next, describe(failure)));
        log.warn("Mail server unavailable, notice {} ({} of order {}) waits uncounted; next try at {}: {}",
                notice.id(), notice.kind(), notice.orderId(), next, describe(failure));
    }

    private void giveUp(OutboxNotice notice, Exception failure) {
        giveUp(notice, reply(failure), describe(failure));
    }

    private void giveUp(OutboxNotice notice, String reason, String detail) {
        ownTransaction.executeWithoutResult(status -> {
            outbox.markFailed(notice.id(), notice.claim(), reason);
            recordFailed(notice, reason);
        });
        logGivenUp(notice, detail);
    }

    private static void logGivenUp(OutboxNotice notice, String reason) {
        log.error("Notice {} ({} of order {}) given up after {} attempt(s): {}", notice.id(), notice.kind(),
                notice.orderId(), notice.attempts(), reason);
    }

    /** Support reading the timeline must not tell the customer an e-mail reached them. */
    private void recordFailed(OutboxNotice notice, String reason) {
        timeline.record(notice.orderId(), TimelineType.NOTICE_FAILED, Map.of("kind", notice.kind().name(),
                "reason", reason), "notice-failed:" + notice.id());
    }

    /**
     * What the shop's support reads on the timeline: the mail server's reply ("550 5.1.1 <a***@example.com>: User
     * unknown"), without the Java types the log line carries; else the last message of the failure.
     */
    private static String reply(Throwable failure) {
        Throwable start = failure instanceof MailSendException send && send.getMessageExceptions().length > 0
                ? send.getMessageExceptions()[0] : failure;
        String last = null;
        int depth = 0;
        for (Throwable cause = start; cause != null && depth++ < 10; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.strip().matches("(?s)[2-5]\\d\\d[ -].*")) {
                return masked(message.strip());
            }
            last = message == null ? last : message;
        }
        return masked(last == null ? failure.getClass().getSimpleName() : last.strip());
    }

    /**
     * Mail servers quote the refused address in their reply ("550 5.1.1 <ada@example.com>: User unknown"): the
     * log, kept longer and read more widely than the database, got customers' addresses. The first letter and
     * the domain stay, for ops to tell a typo from a domain that refuses.
     */
    private static String masked(String text) {
        return ADDRESS.matcher(text).replaceAll("$1***@$2");
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 800; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            if (cause.getCause() == cause) {
                break;
            }
        }
        return masked(text.toString());
    }
}
