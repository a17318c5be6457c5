package com.orderflow.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Dates as the shop reads them, in the time zone the customer's notices use ({@code orderflow.notification.time-zone}):
 * ops' forms, the API's days, suppliers' dates and the report's. In UTC an evening ETA read a day earlier than the
 * customer's e-mail said, and a date ops typed meant a day other than the one the customer would be told.
 */
@Component
public class ShopTime {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public ShopTime(NotificationProperties notices) {
        this.zone = notices.timeZone();
    }

    /** {@code 2026-12-07 00:36 Europe/Berlin}; an unknown time reads as such. */
    public String show(Instant at) {
        return at == null ? "unknown" : MINUTES.format(at.atZone(zone)) + " " + zone.getId();
    }

    /** The shop's day that holds {@code at}, the day a customer's notice names; null for null. */
    public LocalDate day(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, zone);
    }

    /** The start of the shop's day that holds {@code at}. */
    public Instant startOfDay(Instant at) {
        return LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant();
    }

    /** The start of {@code day} in the shop's zone. */
    public Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The last minute of {@code day} in the shop's zone. */
    public Instant lastMinuteOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minus(Duration.ofMinutes(1));
    }

    /**
     * A timestamp with its offset; a date and time without one, or a plain date (its start), in the
     * shop's zone. Nothing else, so "2027-01-15 or later" is not read as its date.
     */
    public Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notATimestamp) {
            try {
                return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
            } catch (DateTimeParseException notALocalTimestamp) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}
