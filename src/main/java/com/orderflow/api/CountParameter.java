package com.orderflow.api;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A count from a query string, such as {@code firstResult} or {@code maxResults}. Only ASCII digits are
 * taken: {@link Integer#parseInt} also reads full-width and other scripts' digits, which no client means
 * as paging and which the engine's own parser refuses.
 */
public final class CountParameter {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private CountParameter() {
    }

    /** The count, or empty when {@code value} is not 0 to {@link Integer#MAX_VALUE} in ASCII digits. */
    public static OptionalInt read(String value) {
        if (value == null || !DIGITS.matcher(value).matches()) {
            return OptionalInt.empty();
        }
        long count = Long.parseLong(value);
        return count <= Integer.MAX_VALUE ? OptionalInt.of((int) count) : OptionalInt.empty();
    }
}
