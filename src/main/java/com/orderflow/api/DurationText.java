package com.orderflow.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Duration;

/**
 * A duration as a merchant wrote it: a lead time of {@code P30D} reads {@code P30D}, not the
 * {@code PT720H} of {@link Duration#toString()}, which counts in hours at most.
 */
public final class DurationText {

    private DurationText() {
    }

    /**
     * Whole days as {@code P<n>D}; anything else in ISO-8601 hours, minutes and seconds. A negative one (a supplier
     * typically early) with one leading minus, {@code -P10D}, as {@link Duration#parse} reads it; its own form put
     * a minus on each part ({@code PT-239H-59M}).
     */
    public static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        return !duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /**
     * For people rather than clients: "1 day", "2 days 4 hours", "8 hours", "2 minutes". Seconds are named
     * only in a span shorter than a minute; a longer one is read to the minute.
     */
    public static String inWords(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            return unit(Math.max(0, duration.toSeconds()), "second");
        }
        StringBuilder words = new StringBuilder();
        long[] parts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart()};
        String[] units = {"day", "hour", "minute"};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                words.append(words.isEmpty() ? "" : " ").append(unit(parts[i], units[i]));
            }
        }
        return words.toString();
    }

    private static String unit(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    static final class Serializer extends StdScalarSerializer<Duration> {

        Serializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(of(value));
        }
    }
}
