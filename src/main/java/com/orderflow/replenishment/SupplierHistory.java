package com.orderflow.replenishment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a supplier's promises are worth: each delivery's lateness (when its last part arrived against
 * the promised ETA), and the typical lateness over its latest deliveries (the median, so one
 * disastrous delivery does not dominate).
 */
@Component
public class SupplierHistory {

    private final JdbcClient jdbc;
    private final ReplenishmentSettings settings;

    public SupplierHistory(JdbcClient jdbc, ReplenishmentSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public void recordDelivery(String purchaseOrderId, String supplierId, Instant promised, Instant received) {
        jdbc.sql("""
                        INSERT INTO supplier_delivery (purchase_order_id, supplier_id, promised_eta, received_at, lateness_seconds)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(purchaseOrderId, supplierId, promised.atOffset(ZoneOffset.UTC),
                        received.atOffset(ZoneOffset.UTC), Duration.between(promised, received).toSeconds())
                .update();
    }

    /**
     * A later part of the delivery arrived: the delivery is as late as its last part. Scored by its first
     * part, one unit sent early and the rest five weeks late was learned as early.
     */
    public void recordLaterPart(String purchaseOrderId, Instant received) {
        // Against the promise the first part was scored by, as stored with it.
        Instant promised = jdbc.sql("SELECT promised_eta FROM supplier_delivery WHERE purchase_order_id = ?")
                .param(purchaseOrderId).query(OffsetDateTime.class).single().toInstant();
        // Only later: a receipt booked on its purchase order afterwards may be older than a part booked since.
        jdbc.sql("UPDATE supplier_delivery SET received_at = ?, lateness_seconds = ? WHERE purchase_order_id = ? AND received_at < ?")
                .params(received.atOffset(ZoneOffset.UTC), Duration.between(promised, received).toSeconds(),
                        purchaseOrderId, received.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * The purchase order was closed with units missing, or none came. Closed after its promise, the delivery counts
     * as made when it was closed, at the latest known not to come: scored by its first part, two of three units
     * never coming read as early, and a supplier that delivered nothing left no history and was never learned late.
     * Closed before its promise (the supplier said early it cannot deliver) it was not late, and what came stands.
     */
    public void recordClosedShort(String purchaseOrderId, String supplierId, Instant promised, Instant closed) {
        if (!closed.isAfter(promised)) {
            return;
        }
        Optional<Instant> lastPart = jdbc.sql("SELECT received_at FROM supplier_delivery WHERE purchase_order_id = ?")
                .param(purchaseOrderId).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
        if (lastPart.isEmpty()) {
            recordDelivery(purchaseOrderId, supplierId, promised, closed);
        } else {
            recordLaterPart(purchaseOrderId, closed);
        }
    }

    /** How many deliveries the supplier's history holds. */
    public int deliveries(String supplierId) {
        return jdbc.sql("SELECT COUNT(*) FROM supplier_delivery WHERE supplier_id = ?").param(supplierId)
                .query(Integer.class).single();
    }

    /** The median lateness of the supplier's latest deliveries, when there are enough to learn from. */
    public Optional<Duration> typicalLateness(String supplierId) {
        List<Long> latest = jdbc.sql("""
                        SELECT lateness_seconds FROM supplier_delivery WHERE supplier_id = ?
                        ORDER BY received_at DESC FETCH FIRST ? ROWS ONLY""")
                .params(supplierId, settings.getLearnedEtaDeliveries()).query(Long.class).list();
        if (latest.size() < settings.getLearnedEtaMinimumDeliveries()) {
            return Optional.empty();
        }
        List<Long> sorted = latest.stream().sorted().toList();
        int middle = sorted.size() / 2;
        long median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Optional.of(Duration.ofSeconds(median));
    }
}
