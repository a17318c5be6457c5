package com.orderflow.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.util.MultiValueMap;

/**
 * The query string of a list endpoint. A parameter the list does not take is refused, naming it: a misspelt
 * filter ({@code state=PLACED}) would otherwise answer with everything there is. A blank value reads as absent.
 */
public final class ListParameters {

    private final MultiValueMap<String, String> given;

    private ListParameters(MultiValueMap<String, String> given) {
        this.given = given;
    }

    /** @throws InvalidInputException naming a parameter not in {@code taken}, or one given more than once */
    public static ListParameters of(MultiValueMap<String, String> given, Set<String> taken) {
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            if (!taken.contains(parameter.getKey())) {
                throw new InvalidInputException(parameter.getKey(),
                        "is not a parameter of this list; it takes " + new TreeSet<>(taken));
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidInputException(parameter.getKey(), "is given more than once");
            }
        }
        return new ListParameters(given);
    }

    /** The value without surrounding blanks, or null when absent or blank. */
    public String text(String name) {
        String value = given.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A count from {@code least} to {@code most}, {@code absent} when not given. */
    public int count(String name, int least, int most, int absent) {
        String value = text(name);
        if (value == null) {
            return absent;
        }
        OptionalInt number = CountParameter.read(value);
        if (number.isPresent() && number.getAsInt() >= least && number.getAsInt() <= most) {
            return number.getAsInt();
        }
        throw new InvalidInputException(name, "must be a whole number from " + least + " to " + most);
    }

    /** One of the enum's names as written (case matters, as in the bodies), or null when not given. */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String value = text(name);
        return value == null ? null : named(name, value, type, "must be one of ");
    }

    /**
     * One or more of the enum's names, comma-separated ({@code status=PLACED,CONFIRMED}: every open purchase order
     * in one call), or empty when not given.
     */
    public <E extends Enum<E>> Set<E> choices(String name, Class<E> type) {
        String value = text(name);
        Set<E> chosen = EnumSet.noneOf(type);
        if (value == null) {
            return chosen;
        }
        for (String one : value.split(",", -1)) {
            chosen.add(named(name, one.strip(), type, "must be one or more, comma-separated, of "));
        }
        return chosen;
    }

    private static <E extends Enum<E>> E named(String name, String value, Class<E> type, String mustBe) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException(name, mustBe + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** {@code true} or {@code false}; {@code false} when not given. */
    public boolean flag(String name) {
        String value = text(name);
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw new InvalidInputException(name, "must be true or false");
    }
}
