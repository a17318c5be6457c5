package com.orderflow.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The order's history as customers and ops see it; written in the transaction of the step it records. */
@Component
public class Timeline {

    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    public Timeline(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Records an entry once per {@code dedupKey}: a step the engine runs again after a failure
     * does not write its entry twice.
     */
    public void record(String orderId, TimelineType type, Map<String, ?> details, String dedupKey) {
        // One statement, not a look-up and an insert: every step writes an entry, and round trips are its cost.
        jdbc.sql("""
                        INSERT INTO order_event (order_id, type, at, data, dedup_key)
                        SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM order_event WHERE dedup_key = ?)""")
                .params(orderId, type.name(), OffsetDateTime.now(clock), write(details), dedupKey, dedupKey)
                .update();
    }

    public List<TimelineEntry> of(String orderId) {
        return jdbc.sql("SELECT type, at, data FROM order_event WHERE order_id = ? ORDER BY at, id")
                .param(orderId)
                .query((rs, n) -> new TimelineEntry(TimelineType.valueOf(rs.getString("type")),
                        OrderRepository.instant(rs, "at"), read(rs.getString("data"))))
                .list();
    }

    private String write(Map<String, ?> details) {
        try {
            return details == null || details.isEmpty() ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Timeline details are not serialisable", e);
        }
    }

    private Map<String, Object> read(String data) {
        try {
            return data == null ? Map.of() : json.readValue(data, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored timeline details are not readable", e);
        }
    }
}
