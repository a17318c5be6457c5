package com.orderflow.order;

import com.orderflow.notification.ShopTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The timeline as the API shows it: beside each date an entry promises ({@code eta}, {@code newEta},
 * {@code previousEta}, {@code firstPromise}, also on each of {@code lines}) its day in the shop's time zone
 * ({@code etaDay}...), the day the customer's e-mails name. A supplier's "23 December" is kept as
 * 2026-12-22T23:00:00Z, and support reading the date part told customers the day before the one in their e-mail.
 */
@Component
public class TimelineDays {

    private static final Set<String> DATES = Set.of("eta", "newEta", "previousEta", "firstPromise");

    private final Timeline timeline;
    private final ShopTime shopTime;

    public TimelineDays(Timeline timeline, ShopTime shopTime) {
        this.timeline = timeline;
        this.shopTime = shopTime;
    }

    public List<TimelineEntry> of(String orderId) {
        return timeline.of(orderId).stream()
                .map(entry -> new TimelineEntry(entry.type(), entry.at(), withDays(entry.details())))
                .toList();
    }

    private Map<String, Object> withDays(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return details;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        details.forEach((field, value) -> {
            shown.put(field, field.equals("lines") && value instanceof List<?> lines ? linesWithDays(lines) : value);
            Instant at = DATES.contains(field) ? instant(value) : null;
            if (at != null) {
                shown.put(field + "Day", shopTime.day(at).toString());
            }
        });
        return shown;
    }

    private List<Object> linesWithDays(List<?> lines) {
        List<Object> shown = new ArrayList<>();
        for (Object line : lines) {
            if (line instanceof Map<?, ?> fields) {
                Map<String, Object> copy = new LinkedHashMap<>();
                fields.forEach((field, value) -> copy.put(String.valueOf(field), value));
                shown.add(withDays(copy));
            } else {
                shown.add(line);
            }
        }
        return shown;
    }

    /** The instant a detail holds; null for anything else (ops' plain date, "null" of an ETA not yet set). */
    private static Instant instant(Object value) {
        if (!(value instanceof String text) || !text.contains("T")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }
}
