package com.orderflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FormTextTest {

    static final String ALL = "GET /api/orders/A-1001";

    @Test
    void listThatFitsIsJoinedWhole() {
        assertThat(FormText.join(List.of("2 × A", "1 × B"), ", ", ALL)).isEqualTo("2 × A, 1 × B");
        assertThat(FormText.join(List.of(), ", ", ALL)).isEmpty();
    }

    @Test
    void listThatFillsTheFieldExactlyIsNotCut() {
        String half = "x".repeat(FormText.MAX_LENGTH / 2 - 1);
        assertThat(FormText.join(List.of(half, half), ", ", ALL)).hasSize(FormText.MAX_LENGTH);
    }

    @Test
    void longerListShowsWhatFitsAndCountsTheRest() {
        List<String> items = IntStream.range(0, 500).mapToObj(i -> "line " + i + " " + "x".repeat(20)).toList();

        String text = FormText.join(items, "\n", ALL);

        List<String> shown = text.lines().toList();
        assertThat(text.length()).isLessThanOrEqualTo(FormText.MAX_LENGTH);
        assertThat(shown.subList(0, shown.size() - 1)).isEqualTo(items.subList(0, shown.size() - 1));
        assertThat(shown.get(shown.size() - 1))
                .isEqualTo("… and " + (500 - (shown.size() - 1)) + " more (GET /api/orders/A-1001 lists them all)");
        assertThat(text.length()).as("no room left for another line")
                .isGreaterThan(FormText.MAX_LENGTH - items.get(shown.size() - 1).length() - 1);
    }

    @Test
    void singleItemTooLongIsCountedNotCut() {
        assertThat(FormText.join(Collections.nCopies(3, "x".repeat(FormText.MAX_LENGTH)), ", ", ALL))
                .isEqualTo("… and 3 more (GET /api/orders/A-1001 lists them all)");
    }
}
