package com.orderflow.notification;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a delay is worth a notice and what the notice offers, so
 * that neither the model nor the templates repeat the merchant's thresholds.
 */
@Component
public class DelayNoticePolicy {

    private final DelayNoticeProperties settings;

    public DelayNoticePolicy(DelayNoticeProperties settings) {
        this.settings = settings;
    }

    /**
     * Whether a new ETA must be announced: only when it lies beyond the silent threshold past the
     * first ETA the customer was promised. Small slips are absorbed rather than apologised for.
     */
    public boolean needsNotice(Instant firstPromise, Instant newEta) {
        return newEta.isAfter(firstPromise.plus(settings.silentDelay()));
    }

    /**
     * The consolation that delay notice number {@code noticeNumber} (1 for the first) offers: none
     * with the first, the configured one from the second on.
     */
    public Optional<ConsolationOffer> consolationFor(int noticeNumber) {
        if (noticeNumber < 1) {
            throw new IllegalArgumentException("Delay notices are counted from 1, got " + noticeNumber);
        }
        if (noticeNumber == 1 || settings.consolation() == Consolation.NONE) {
            return Optional.empty();
        }
        return Optional.of(new ConsolationOffer(settings.consolation(), settings.discountPercent()));
    }
}
