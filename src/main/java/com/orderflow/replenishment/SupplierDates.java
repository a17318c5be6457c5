package com.orderflow.replenishment;

import com.orderflow.api.DateParameter;
import com.orderflow.api.InvalidInputException;
import com.orderflow.notification.ShopTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The date a supplier gives when it confirms a purchase order or reports a delay, as the ETA it becomes. */
@Component
public class SupplierDates {

    private final Clock clock;
    private final ShopTime time;

    public SupplierDates(Clock clock, ShopTime time) {
        this.clock = clock;
        this.time = time;
    }

    /**
     * A supplier's date becomes every covered order's ETA, the customer's notice and the overdue
     * timer, so a typo years away would be promised to customers as it stands. A day already past is no
     * promise either: it became the purchase order's first promise for good and counted weeks of lateness
     * against the supplier's learned lead time. An earlier hour of today is no promise either: the ETA
     * passed at once, and the overdue timer moved every covered order's ETA again and again. Today as a
     * plain date is the supplier's word that the goods come today: it stands until the day ends.
     */
    public Instant promised(String field, String value) {
        Instant date = DateParameter.parse(field, value);
        Instant now = clock.instant();
        if (date.isAfter(now.plus(Supplier.LONGEST_PROMISE))) {
            throw new InvalidInputException(field, "must lie within " + Supplier.LONGEST_PROMISE.toDays()
                    + " days of today");
        }
        Optional<LocalDate> day = plainDay(value);
        if (day.isEmpty()) {
            if (date.isBefore(now)) {
                throw new InvalidInputException(field, "must not lie in the past");
            }
            return date;
        }
        // A later day as customers read it: its start in the shop's zone, where their notices print it. Its
        // start in UTC is the evening before west of UTC, and customers there were promised the goods a day
        // before the supplier's date.
        Instant start = time.parse(value).orElseThrow();
        if (start.isAfter(now)) {
            return start;
        }
        return lastMinuteOf(day.get(), now)
                .orElseThrow(() -> new InvalidInputException(field, "must not lie before today"));
    }

    /** Only a plain date is a day: a timestamp written with a lower-case "t" is a timestamp, as ISO-8601 reads it. */
    private static Optional<LocalDate> plainDay(String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /**
     * Today's last minute, while the day is still ahead: in the shop's zone, where customers read it, or in UTC.
     * Tomorrow's midnight in UTC (what this once returned) is already tomorrow east of UTC, so a supplier's
     * "today" reached Berlin customers as "tomorrow"; late in the UTC day, when the shop's day has ended east of
     * UTC, the UTC day's last minute is what is left of "today"; west of UTC, the shop's day goes on after the UTC
     * day ended, and a supplier's "today" there was refused as lying before today.
     */
    private Optional<Instant> lastMinuteOf(LocalDate day, Instant now) {
        Instant inUtc = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MINUTES);
        return Stream.of(time.lastMinuteOf(day), inUtc).filter(minute -> minute.isAfter(now)).min(Comparator.naturalOrder());
    }
}
