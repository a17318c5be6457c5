package com.orderflow.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a delay is worth a notice and what the notice offers, so
 * that neither the model nor the templates repeat the merchant's thresholds.
 */
@Component
public class DelayNoticePolicy {

    private final DelayNoticeProperties settings;
    private final ZoneId noticeZone;

    public DelayNoticePolicy(DelayNoticeProperties settings, NotificationProperties notices) {
        this.settings = settings;
        this.noticeZone = notices.timeZone();
    }

    /**
     * Whether notices give the customer days, as they do when the silent threshold is a day or longer, or a date
     * and time, as they must when it is shorter: a designer running a whole delay cycle in minutes saw no delay
     * notice at all, however far the ETA slipped, because every slip stayed within the day.
     */
    public boolean daysOnly() {
        return settings.silentDelay().compareTo(Duration.ofDays(1)) >= 0;
    }

    /**
     * Whether {@code eta} is later than {@code known} as the customer reads it: on a later day in the notices' zone,
     * or, when notices give times ({@link #daysOnly()}), at a later minute. Compared to the instant, a supplier's
     * later hour on the same day, or the same date read as midnight UTC after ops gave it as midnight in Berlin, sent
     * an apology repeating the date, with a consolation, and brought the order nearer to escalation; and a line stored
     * milliseconds after the first promise was listed as late. {@code known} is read in the zone whose days the
     * customer was told it in ({@code knownIn}; {@code null}: the notices' zone). With
     * {@code orderflow.notification.time-zone} changed since, the day the customer read, read again in the new zone,
     * could turn the same date into a delay (an apology repeating it, with a consolation, a step nearer to ops) or a
     * later date into none.
     */
    public boolean isLater(Instant eta, Instant known, ZoneId knownIn) {
        if (!daysOnly()) {
            return eta.truncatedTo(ChronoUnit.MINUTES).isAfter(known.truncatedTo(ChronoUnit.MINUTES));
        }
        return eta.atZone(noticeZone).toLocalDate().isAfter(known.atZone(knownIn == null ? noticeZone : knownIn).toLocalDate());
    }

    /**
     * Whether a new ETA must be announced: only when it lies beyond the silent threshold past the first ETA the
     * customer was promised, read in the zone whose days the customer was told it in ({@code promisedIn};
     * {@code null}: the notices' zone). Small slips are absorbed rather than apologised for. Where notices give days
     * ({@link #daysOnly()}) the threshold counts days, as the customer does: a new ETA on the seventh day after the
     * promise is within {@code P7D} at any hour. Counted in hours, a week's slip across the end of summer time (a day
     * of 25 hours) was announced, with an apology and the customer's choices, and one to a later hour of the seventh
     * day was announced in any week.
     */
    public boolean needsNotice(Instant firstPromise, Instant newEta, ZoneId promisedIn) {
        if (!daysOnly()) {
            return newEta.isAfter(firstPromise.plus(settings.silentDelay()));
        }
        LocalDate lastSilentDay = firstPromise.atZone(promisedIn == null ? noticeZone : promisedIn).toLocalDate()
                .plusDays(settings.silentDelay().toDays());
        return newEta.atZone(noticeZone).toLocalDate().isAfter(lastSilentDay);
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
