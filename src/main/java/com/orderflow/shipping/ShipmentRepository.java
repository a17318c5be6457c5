package com.orderflow.shipping;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ShipmentRepository {

    private static final String WITH_LINES = """
            SELECT s.id, s.order_id, s.seq, s.status, s.carrier, s.tracking_number,
                   l.line_no AS line_line_no, l.sku AS line_sku, l.quantity AS line_quantity, l.unit_price AS line_unit_price
            FROM shipment s LEFT JOIN shipment_line l ON l.shipment_id = s.id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    public ShipmentRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The shipment with its lines, in one round trip. */
    public Optional<Shipment> find(String id) {
        return withLines(WITH_LINES + "WHERE s.id = ? ORDER BY l.line_no", id).stream().findFirst();
    }

    /** Every shipment of the order with its lines, oldest first, in one round trip. */
    public List<Shipment> ofOrder(String orderId) {
        return withLines(WITH_LINES + "WHERE s.order_id = ? ORDER BY s.seq, l.line_no", orderId);
    }

    private List<Shipment> withLines(String sql, String param) {
        return jdbc.sql(sql).param(param).query(rs -> {
            Map<String, Shipment> shipments = new LinkedHashMap<>();
            while (rs.next()) {
                Shipment shipment = shipments.get(rs.getString("id"));
                if (shipment == null) {
                    shipment = new Shipment(rs.getString("id"), rs.getString("order_id"), rs.getInt("seq"),
                            rs.getString("status"), rs.getString("carrier"), rs.getString("tracking_number"), new ArrayList<>());
                    shipments.put(shipment.id(), shipment);
                }
                if (rs.getObject("line_line_no") != null) {
                    shipment.lines().add(new ShipmentLine(rs.getInt("line_line_no"), rs.getString("line_sku"),
                            rs.getInt("line_quantity"), rs.getBigDecimal("line_unit_price")));
                }
            }
            return shipments.values().stream().map(s -> new Shipment(s.id(), s.orderId(), s.seq(), s.status(),
                    s.carrier(), s.trackingNumber(), List.copyOf(s.lines()))).toList();
        });
    }

    /** Every shipment of the order in one round trip, with what packing an order needs to know of each. */
    public List<Parcel> parcelsOf(String orderId) {
        return jdbc.sql("""
                        SELECT s.id, s.seq, s.status, s.kind,
                               EXISTS (SELECT 1 FROM payment_operation p WHERE p.idempotency_key = 'capture:' || s.id) AS captured
                        FROM shipment s WHERE s.order_id = ? ORDER BY s.seq""")
                .param(orderId)
                .query((rs, n) -> new Parcel(rs.getString("id"), rs.getInt("seq"), rs.getString("status"),
                        "DROP_SHIP".equals(rs.getString("kind")), rs.getBoolean("captured")))
                .list();
    }

    /**
     * The order's parcels packed or dispatched, oldest first, with their lines and what was charged for each, in one
     * round trip. A parcel unpacked by a cancellation never left, and is not one.
     */
    public List<SentParcel> sentParcelsOf(String orderId) {
        return jdbc.sql("""
                        SELECT s.id, s.status, s.kind, s.carrier, s.tracking_number, s.dispatched_at,
                               (SELECT p.amount FROM payment_operation p WHERE p.idempotency_key = 'capture:' || s.id) AS charged,
                               l.line_no, l.sku, l.quantity, l.unit_price
                        FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
                        WHERE s.order_id = ? AND s.status IN ('PACKED', 'DISPATCHED')
                        ORDER BY s.seq, l.line_no""")
                .param(orderId)
                .query(rs -> {
                    Map<String, SentParcel> parcels = new LinkedHashMap<>();
                    while (rs.next()) {
                        SentParcel parcel = parcels.get(rs.getString("id"));
                        if (parcel == null) {
                            OffsetDateTime dispatchedAt = rs.getObject("dispatched_at", OffsetDateTime.class);
                            BigDecimal charged = rs.getBigDecimal("charged");
                            parcel = new SentParcel(rs.getString("id"), rs.getString("status"),
                                    "DROP_SHIP".equals(rs.getString("kind")), rs.getString("carrier"),
                                    rs.getString("tracking_number"), dispatchedAt == null ? null : dispatchedAt.toInstant(),
                                    charged == null ? BigDecimal.ZERO : charged, new ArrayList<>());
                            parcels.put(parcel.shipmentId(), parcel);
                        }
                        parcel.lines().add(new ShipmentLine(rs.getInt("line_no"), rs.getString("sku"),
                                rs.getInt("quantity"), rs.getBigDecimal("unit_price")));
                    }
                    return parcels.values().stream().map(p -> new SentParcel(p.shipmentId(), p.status(), p.dropShip(),
                            p.carrier(), p.trackingNumber(), p.dispatchedAt(), p.charged(), List.copyOf(p.lines())))
                            .toList();
                });
    }

    /**
     * Parcels of the order that left but were not charged for: a cancellation interrupts a "Capture
     * payment" still waiting behind the dispatch, and a drop-ship supplier may report a parcel while
     * the order is being cancelled or while its payment is held.
     */
    public List<String> dispatchedUncaptured(String orderId) {
        return parcelsOf(orderId).stream().filter(p -> "DISPATCHED".equals(p.status()) && !p.captured()).map(Parcel::id).toList();
    }

    public void insertDropShipment(Shipment shipment) {
        jdbc.sql("""
                        INSERT INTO shipment (id, order_id, seq, status, kind, carrier, tracking_number, created_at, dispatched_at)
                        VALUES (?, ?, ?, 'DISPATCHED', 'DROP_SHIP', ?, ?, ?, ?)""")
                .params(shipment.id(), shipment.orderId(), shipment.seq(), shipment.carrier(), shipment.trackingNumber(),
                        OffsetDateTime.now(clock), OffsetDateTime.now(clock)).update();
        for (ShipmentLine line : shipment.lines()) {
            jdbc.sql("INSERT INTO shipment_line (shipment_id, line_no, sku, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")
                    .params(shipment.id(), line.lineNo(), line.sku(), line.quantity(), line.unitPrice()).update();
        }
    }

    public int nextSeq(String orderId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM shipment WHERE order_id = ?").param(orderId)
                .query(Integer.class).single();
    }

    public void insert(Shipment shipment) {
        jdbc.sql("INSERT INTO shipment (id, order_id, seq, status, created_at) VALUES (?, ?, ?, 'PACKED', ?)")
                .params(shipment.id(), shipment.orderId(), shipment.seq(), OffsetDateTime.now(clock)).update();
        for (ShipmentLine line : shipment.lines()) {
            jdbc.sql("INSERT INTO shipment_line (shipment_id, line_no, sku, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")
                    .params(shipment.id(), line.lineNo(), line.sku(), line.quantity(), line.unitPrice()).update();
        }
    }

    /** Packed parcels of a cancelled order are unpacked: their units go back with the reservation. */
    public void cancelPacked(String orderId) {
        jdbc.sql("UPDATE shipment SET status = 'CANCELLED' WHERE order_id = ? AND status = 'PACKED'").param(orderId).update();
    }

    public void markDispatched(String id, String carrier, String trackingNumber) {
        jdbc.sql("UPDATE shipment SET status = 'DISPATCHED', carrier = ?, tracking_number = ?, dispatched_at = ? WHERE id = ?")
                .params(carrier, trackingNumber, OffsetDateTime.now(clock), id).update();
    }

    /**
     * When a receipt first gave the order units that no parcel has taken yet, while goods-in may still bring
     * more of it (a warehouse backorder is open; a drop-shipped rest never comes through goods-in). Packing
     * takes every reserved unit, so an allocation after the order's last warehouse parcel was packed is still here.
     */
    public Optional<Instant> collectingSince(String orderId) {
        return jdbc.sql("""
                        SELECT MIN(a.allocated_at) FROM allocation a
                        WHERE a.order_id = ?
                          AND NOT EXISTS (SELECT 1 FROM shipment s WHERE s.order_id = a.order_id
                                          AND s.kind = 'WAREHOUSE' AND s.created_at >= a.allocated_at)
                          AND EXISTS (SELECT 1 FROM backorder b WHERE b.order_id = a.order_id AND b.status = 'OPEN'
                                      AND b.fulfilment = 'WAREHOUSE' AND b.open_quantity > 0)""")
                .param(orderId)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /** A shipment as packing sees it: a drop shipment not yet charged, a parcel still packed, its number. */
    public record Parcel(String id, int seq, String status, boolean dropShip, boolean captured) {
        public boolean uncapturedDropShipment() {
            return dropShip && !captured;
        }
    }
}
