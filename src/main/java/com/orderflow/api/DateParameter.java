package com.orderflow.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time as callers write it: an ISO-8601 timestamp, or a plain date meaning its start (UTC).
 * ISO-8601 also writes years far beyond what PostgreSQL, {@code java.util.Date} and the engine's timers
 * can hold ({@code +999999999-12-31}); those end as a failed statement or an arithmetic overflow, so
 * only the years 1 to 9999 are taken.
 */
public final class DateParameter {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private DateParameter() {
    }

    /** @throws InvalidInputException naming {@code field} when the value is neither, or outside the years 1 to 9999 */
    public static Instant parse(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return within(field, read(field, value));
    }

    /** @throws InvalidInputException naming {@code field} when {@code instant} lies outside the years 1 to 9999 */
    public static Instant within(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidInputException(field, "must lie between 0001-01-01 and 9999-12-31");
        }
        return instant;
    }

    private static Instant read(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidInputException(field, "must be an ISO-8601 timestamp or date, e.g. 2026-12-01");
            }
        }
    }
}
