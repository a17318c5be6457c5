package com.orderflow.shipping;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ShipmentRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ShipmentRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Shipment> find(String id) {
        return jdbc.sql("SELECT * FROM shipment WHERE id = ?").param(id)
                .query((rs, n) -> new Shipment(rs.getString("id"), rs.getString("order_id"), rs.getInt("seq"),
                        rs.getString("status"), rs.getString("carrier"), rs.getString("tracking_number"), lines(id)))
                .optional();
    }

    public Optional<Shipment> lock(String id) {
        jdbc.sql("SELECT id FROM shipment WHERE id = ? FOR UPDATE").param(id).query(String.class).optional();
        return find(id);
    }

    public Optional<String> openShipmentOf(String orderId) {
        return jdbc.sql("SELECT id FROM shipment WHERE order_id = ? AND status = 'PACKED' ORDER BY seq")
                .param(orderId).query(String.class).list().stream().findFirst();
    }

    public List<Shipment> ofOrder(String orderId) {
        return jdbc.sql("SELECT id FROM shipment WHERE order_id = ? ORDER BY seq").param(orderId)
                .query(String.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** Drop shipments the supplier sent whose payment has not been captured yet. */
    public List<String> uncapturedDropShipments(String orderId) {
        return jdbc.sql("""
                        SELECT s.id FROM shipment s WHERE s.order_id = ? AND s.kind = 'DROP_SHIP'
                          AND NOT EXISTS (SELECT 1 FROM payment_operation p WHERE p.idempotency_key = 'capture:' || s.id)
                        ORDER BY s.seq""")
                .param(orderId).query(String.class).list();
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

    private List<ShipmentLine> lines(String shipmentId) {
        return jdbc.sql("SELECT * FROM shipment_line WHERE shipment_id = ? ORDER BY line_no").param(shipmentId)
                .query((rs, n) -> new ShipmentLine(rs.getInt("line_no"), rs.getString("sku"), rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price")))
                .list();
    }
}
