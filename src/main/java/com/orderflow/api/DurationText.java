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

    /** Whole days as {@code P<n>D}; anything else in ISO-8601 hours, minutes and seconds. */
    public static String of(Duration duration) {
        return !duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
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
