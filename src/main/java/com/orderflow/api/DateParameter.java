package com.orderflow.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A point in time as callers write it: an ISO-8601 timestamp, or a plain date meaning its start (UTC). */
public final class DateParameter {

    private DateParameter() {
    }

    /** @throws InvalidInputException naming {@code field} when the value is neither */
    public static Instant parse(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
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
