package com.orderflow.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order's history as customers and ops see it; written in the transaction of the step it records.
 * A transaction's entries are written together when it commits: an in-stock order's first job records
 * three and its last two, and each statement is a round trip (docs/performance.md, eighth round).
 * Nothing reads an order's timeline in the transaction that writes it.
 */
@Component
public class Timeline {

    /** A supplier's delay moves the ETA of every order its purchase order covers, in one transaction. */
    private static final int ROWS_PER_STATEMENT = 500;
    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    /**
     * Free text an entry may hold about the customer: what ops typed with a decision (also where it became an ETA
     * change's reason) or a settlement, and a mail server's reply, which quotes the recipient's address (masked, but
     * for its domain).
     */
    private static final Map<TimelineType, String> FREE_TEXT = Map.of(TimelineType.OPS_DECIDED, "note",
            TimelineType.NOTICE_FAILED, "reason", TimelineType.UNPAID_SETTLED, "note", TimelineType.ETA_CHANGED, "reason");
    /** An ETA change's reason is free text when ops wrote it (their note); a supplier's or the service's is not. */
    public static final String OPS_REASON = "ops: ";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    private final PerTransaction<Pending> pending = new PerTransaction<>(Pending::new, p -> write(p.entries));

    public Timeline(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Records an entry once per {@code dedupKey}: a step the engine runs again after a failure
     * does not write its entry twice. The entry carries the time of this call.
     */
    public void record(String orderId, TimelineType type, Map<String, ?> details, String dedupKey) {
        Entry entry = new Entry(orderId, type.name(), OffsetDateTime.now(clock), json(details), dedupKey);
        Pending transaction = pending.current();
        if (transaction == null) {
            write(List.of(entry));
        } else if (dedupKey == null || transaction.keys.add(dedupKey)) {
            transaction.entries.add(entry);
        }
    }

    /** A statement per {@link #ROWS_PER_STATEMENT} entries, each inserted unless its key was recorded before. */
    private void write(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            insert(entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT)));
        }
    }

    private void insert(List<Entry> entries) {
        String rows = String.join(", ", Collections.nCopies(entries.size(), "(?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?)"));
        List<Object> params = new ArrayList<>();
        for (Entry e : entries) {
            params.addAll(Arrays.asList(e.orderId(), e.type(), e.at(), e.data(), e.dedupKey()));
        }
        jdbc.sql("""
                        INSERT INTO order_event (order_id, type, at, data, dedup_key)
                        SELECT v.order_id, v.type, v.at, v.data, v.dedup_key
                        FROM (VALUES %s) AS v (order_id, type, at, data, dedup_key)
                        WHERE NOT EXISTS (SELECT 1 FROM order_event e WHERE e.dedup_key = v.dedup_key)""".formatted(rows))
                .params(params)
                .update();
    }

    private record Entry(String orderId, String type, OffsetDateTime at, String data, String dedupKey) {
    }

    /** A transaction's entries in the order they were recorded, and their keys. */
    private static final class Pending {
        final List<Entry> entries = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
    }

    public List<TimelineEntry> of(String orderId) {
        return jdbc.sql("SELECT type, at, data FROM order_event WHERE order_id = ? ORDER BY at, id")
                .param(orderId)
                .query((rs, n) -> new TimelineEntry(TimelineType.valueOf(rs.getString("type")),
                        OrderRepository.instant(rs, "at"), read(rs.getString("data"))))
                .list();
    }

    /** Replaces the free text of the order's entries with {@code replacement}; answers how many entries held any. */
    public int eraseFreeText(String orderId, String replacement) {
        List<String> types = FREE_TEXT.keySet().stream().map(Enum::name).toList();
        List<Object> params = new ArrayList<>(List.of(orderId));
        params.addAll(types);
        List<TimelineEntryRow> entries = jdbc.sql("SELECT id, type, data FROM order_event WHERE order_id = ? AND type IN (%s)"
                        .formatted(String.join(", ", Collections.nCopies(types.size(), "?"))))
                .params(params)
                .query((rs, n) -> new TimelineEntryRow(rs.getLong("id"), TimelineType.valueOf(rs.getString("type")),
                        rs.getString("data"))).list();
        int erased = 0;
        for (TimelineEntryRow entry : entries) {
            String field = FREE_TEXT.get(entry.type());
            Map<String, Object> details = new LinkedHashMap<>(read(entry.data()));
            boolean opsReason = entry.type() == TimelineType.ETA_CHANGED;
            Object text = details.get(field);
            if (opsReason && !(text instanceof String reason && reason.startsWith(OPS_REASON))) {
                continue;
            }
            String erasedText = opsReason ? OPS_REASON + replacement : replacement;
            if (text != null && !erasedText.equals(text)) {
                details.put(field, erasedText);
                jdbc.sql("UPDATE order_event SET data = ? WHERE id = ?").params(json(details), entry.id()).update();
                erased++;
            }
        }
        return erased;
    }

    private record TimelineEntryRow(long id, TimelineType type, String data) {
    }

    private String json(Map<String, ?> details) {
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
