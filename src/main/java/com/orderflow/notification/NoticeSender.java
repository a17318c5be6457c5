package com.orderflow.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox over SMTP. Any number of senders, on one node or many, may run at once: each
 * notice is claimed by exactly one of them in a short transaction of its own before it is sent, so
 * no notice is sent twice. A failed attempt is retried with exponential back-off until
 * {@code orderflow.notification.max-attempts}; then the notice is given up as FAILED.
 */
@Component
public class NoticeSender {

    private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

    private final NoticeOutbox outbox;
    private final NoticeMailer mailer;
    private final NotificationProperties settings;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public NoticeSender(NoticeOutbox outbox, NoticeMailer mailer, NotificationProperties settings,
                        PlatformTransactionManager transactions, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Sends due notices, at most one batch, and answers how many went out. Stops early when the
     * SMTP server fails: the notices behind would fail alike and only use up their attempts.
     */
    public int sendDue() {
        if (!mailer.configured()) {
            return 0;
        }
        Integer abandoned = ownTransaction.execute(status -> outbox.abandonExpiredClaims());
        if (abandoned != null && abandoned > 0) {
            log.warn("{} notice(s) were left mid-send by a sender that stopped; marked FAILED, not sent again", abandoned);
        }
        int sent = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Optional<OutboxNotice> claimed = ownTransaction.execute(status -> outbox.claimNext(settings.claimTimeout()));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            if (!deliver(claimed.get())) {
                break;
            }
            sent++;
        }
        return sent;
    }

    private boolean deliver(OutboxNotice notice) {
        try {
            mailer.send(notice);
        } catch (MailPreparationException unusable) {
            giveUp(notice, unusable);
            return true;
        } catch (RuntimeException failed) {
            retryOrGiveUp(notice, failed);
            return false;
        }
        ownTransaction.executeWithoutResult(status -> outbox.markSent(notice.id(), notice.claim()));
        log.info("Notice {} ({} of order {}) sent", notice.id(), notice.kind(), notice.orderId());
        return true;
    }

    private void retryOrGiveUp(OutboxNotice notice, Exception failure) {
        if (notice.attempts() >= settings.maxAttempts()) {
            giveUp(notice, failure);
            return;
        }
        Instant next = clock.instant().plus(settings.backoff().afterAttempt(notice.attempts()));
        ownTransaction.executeWithoutResult(status ->
                outbox.retryLater(notice.id(), notice.claim(), next, describe(failure)));
        log.warn("Notice {} ({} of order {}) not sent, attempt {} of {}; next attempt at {}: {}", notice.id(),
                notice.kind(), notice.orderId(), notice.attempts(), settings.maxAttempts(), next, describe(failure));
    }

    private void giveUp(OutboxNotice notice, Exception failure) {
        ownTransaction.executeWithoutResult(status -> outbox.markFailed(notice.id(), notice.claim(), describe(failure)));
        log.error("Notice {} ({} of order {}) given up after {} attempt(s): {}", notice.id(), notice.kind(),
                notice.orderId(), notice.attempts(), describe(failure));
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
        return text.toString();
    }
}
