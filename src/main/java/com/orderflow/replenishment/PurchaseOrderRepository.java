package com.orderflow.replenishment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class PurchaseOrderRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    public PurchaseOrderRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(String id, String supplierId, boolean dropShip, String orderId, Instant windowClosesAt) {
        jdbc.sql("""
                        INSERT INTO purchase_order (id, supplier_id, status, drop_ship, order_id, window_closes_at, created_at)
                        VALUES (?, ?, 'COLLECTING', ?, ?, ?, ?)""")
                .params(id, supplierId, dropShip, orderId, utc(windowClosesAt), OffsetDateTime.now(clock))
                .update();
    }

    public Optional<PurchaseOrder> find(String id) {
        return jdbc.sql("SELECT * FROM purchase_order WHERE id = ?").param(id)
                .query((rs, n) -> map(rs, lines(id))).optional();
    }

    public Optional<PurchaseOrder> lock(String id) {
        return jdbc.sql("SELECT * FROM purchase_order WHERE id = ? FOR UPDATE").param(id)
                .query((rs, n) -> map(rs, lines(id))).optional();
    }

    /**
     * One page of purchase orders, oldest first, with their lines, in two queries however many there are,
     * and how many match in all. All read one snapshot: a purchase order placed between the queries was
     * listed as PLACED without its lines, which the lines' query had read while it was still collecting.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page list(PurchaseOrderFilter by, int firstResult, int maxResults) {
        StringBuilder filter = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!by.statuses().isEmpty()) {
            filter.append(" AND po.status IN (:statuses)");
            params.put("statuses", by.statuses().stream().map(Enum::name).toList());
        }
        if (by.supplierId() != null) {
            filter.append(" AND po.supplier_id = :supplierId");
            params.put("supplierId", by.supplierId());
        }
        if (by.sku() != null) {
            filter.append(" AND EXISTS (SELECT 1 FROM purchase_order_line l WHERE l.purchase_order_id = po.id AND l.sku = :sku)");
            params.put("sku", by.sku());
        }
        if (by.orderId() != null) {
            filter.append(" AND EXISTS (SELECT 1 FROM purchase_order_demand d WHERE d.purchase_order_id = po.id"
                    + " AND d.order_id = :orderId)");
            params.put("orderId", by.orderId());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM purchase_order po" + filter).params(params).query(Long.class).single();
        Map<String, Object> paging = new HashMap<>(params);
        paging.put("limit", maxResults);
        paging.put("offset", firstResult);
        List<PurchaseOrder> shown = jdbc.sql("SELECT po.* FROM purchase_order po" + filter
                        + " ORDER BY po.created_at, po.id LIMIT :limit OFFSET :offset")
                .params(paging)
                // Each with an empty list of its own, filled below from the page's lines: one query, not one each.
                .query((rs, n) -> map(rs, new ArrayList<>()))
                .list();
        if (!shown.isEmpty()) {
            Map<String, List<PurchaseOrderLine>> lines = new HashMap<>();
            shown.forEach(purchaseOrder -> lines.put(purchaseOrder.id(), purchaseOrder.lines()));
            jdbc.sql("SELECT * FROM purchase_order_line WHERE purchase_order_id IN (:ids) ORDER BY purchase_order_id, sku")
                    .param("ids", List.copyOf(lines.keySet()))
                    .query(rs -> {
                        lines.get(rs.getString("purchase_order_id"))
                                .add(new PurchaseOrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getInt("received")));
                    });
        }
        return new Page(shown, total);
    }

    /** Purchase orders of one page, and how many match the filter in all. */
    public record Page(List<PurchaseOrder> purchaseOrders, long total) {
    }

    public Optional<String> collectingFor(String supplierId) {
        return jdbc.sql("""
                        SELECT id FROM purchase_order WHERE supplier_id = ? AND status = 'COLLECTING' AND drop_ship = FALSE
                        ORDER BY created_at""")
                .param(supplierId).query(String.class).list().stream().findFirst();
    }

    public Optional<String> collectingDropShipFor(String supplierId, String orderId) {
        return jdbc.sql("""
                        SELECT id FROM purchase_order WHERE supplier_id = ? AND order_id = ? AND status = 'COLLECTING'
                          AND drop_ship = TRUE ORDER BY created_at""")
                .params(supplierId, orderId).query(String.class).list().stream().findFirst();
    }

    /**
     * Open purchase orders of the product whose ordered quantity is not yet promised to backorders,
     * earliest expected first: the inbound units a new backorder can be promised. A backorder counts
     * for what it still waits for: goods from elsewhere that filled part of it freed that many units.
     */
    public List<String> withUnpromisedUnits(String sku, int quantity) {
        return jdbc.sql("""
                        SELECT po.id FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id
                        WHERE l.sku = ? AND po.status IN ('PLACED', 'CONFIRMED') AND po.drop_ship = FALSE
                          AND l.quantity - l.received - COALESCE((SELECT SUM(LEAST(d.quantity, b.open_quantity)) FROM purchase_order_demand d
                                 JOIN backorder b ON b.id = d.backorder_id
                                 WHERE d.purchase_order_id = po.id AND d.sku = l.sku AND d.status = 'ACTIVE'
                                   AND b.status = 'OPEN'), 0) >= ?
                        ORDER BY po.eta, po.id""")
                .params(sku, quantity).query(String.class).list();
    }

    /** Open warehouse purchase orders still to bring units of the product, earliest expected first. */
    public List<String> bringing(String sku) {
        return jdbc.sql("""
                        SELECT po.id FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id
                        WHERE l.sku = ? AND po.status IN ('PLACED', 'CONFIRMED') AND po.drop_ship = FALSE
                          AND l.received < l.quantity
                        ORDER BY po.eta, po.id""")
                .param(sku).query(String.class).list();
    }

    public void addToLine(String id, String sku, int quantity) {
        int updated = jdbc.sql("UPDATE purchase_order_line SET quantity = quantity + ? WHERE purchase_order_id = ? AND sku = ?")
                .params(quantity, id, sku).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO purchase_order_line (purchase_order_id, sku, quantity, received) VALUES (?, ?, ?, 0)")
                    .params(id, sku, quantity).update();
        }
    }

    public void addDemand(String id, long backorderId, String orderId, String sku, int quantity) {
        jdbc.sql("""
                        INSERT INTO purchase_order_demand (purchase_order_id, backorder_id, order_id, sku, quantity, status, created_at)
                        VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)""")
                .params(id, backorderId, orderId, sku, quantity, OffsetDateTime.now(clock)).update();
    }

    /** Orders whose open backorders this purchase order is meant to cover. */
    public List<Long> coveredBackorders(String id) {
        return jdbc.sql("""
                        SELECT d.backorder_id FROM purchase_order_demand d JOIN backorder b ON b.id = d.backorder_id
                        WHERE d.purchase_order_id = ? AND d.status = 'ACTIVE' AND b.status = 'OPEN'
                        ORDER BY d.backorder_id""")
                .param(id).query(Long.class).list();
    }

    /** The customer orders whose open backorders this purchase order covers, in the order they began waiting. */
    public List<String> waitingOrders(String id) {
        return jdbc.sql("""
                        SELECT b.order_id FROM purchase_order_demand d JOIN backorder b ON b.id = d.backorder_id
                        WHERE d.purchase_order_id = ? AND d.status = 'ACTIVE' AND b.status = 'OPEN'
                        GROUP BY b.order_id ORDER BY min(b.id)""")
                .param(id).query(String.class).list();
    }

    /** The purchase order a backorder waits for (its demand still active), with its status and its process. */
    public Optional<Covering> coveringOf(long backorderId) {
        return jdbc.sql("""
                        SELECT p.id, p.status, p.process_instance_id FROM purchase_order_demand d
                        JOIN purchase_order p ON p.id = d.purchase_order_id
                        WHERE d.backorder_id = ? AND d.status = 'ACTIVE'""")
                .param(backorderId)
                .query((rs, n) -> new Covering(rs.getString("id"), rs.getString("status"), rs.getString("process_instance_id")))
                .optional();
    }

    public Optional<Demand> demandOf(long backorderId) {
        return jdbc.sql("SELECT id, purchase_order_id, quantity, sku, status FROM purchase_order_demand WHERE backorder_id = ?")
                .param(backorderId)
                .query((rs, n) -> new Demand(rs.getLong("id"), rs.getString("purchase_order_id"), rs.getString("sku"),
                        rs.getInt("quantity"), rs.getString("status")))
                .optional();
    }

    /** The backorder's link to its purchase order goes; a new plan links it again. */
    public void deleteDemand(long backorderId) {
        jdbc.sql("DELETE FROM purchase_order_demand WHERE backorder_id = ?").param(backorderId).update();
    }

    /**
     * Backorders that goods from elsewhere filled (a receipt for no purchase order or for another one, a stock
     * count, a cancelled order's units) need that much less from a batch still collecting: its demand and line
     * shrink, and a batch left with nothing is cancelled when its window closes. Placed early for demand nobody
     * had any more, a batch ordered units that went to stock. Once placed, a purchase order stands. Each batch is
     * locked after the product's stock row the caller holds, as every purchase-order writer takes them.
     */
    public void takeOffCollectingBatches(Map<Long, Integer> filledByBackorder) {
        List<Long> backorderIds = List.copyOf(filledByBackorder.keySet());
        for (int from = 0; from < backorderIds.size(); from += 1000) {
            List<FilledDemand> demands = jdbc.sql("""
                            SELECT d.id, d.purchase_order_id, d.sku, d.quantity, d.backorder_id
                            FROM purchase_order_demand d JOIN purchase_order po ON po.id = d.purchase_order_id
                            WHERE d.backorder_id IN (:ids) AND d.status = 'ACTIVE' AND po.status = 'COLLECTING'
                            ORDER BY d.purchase_order_id, d.id""")
                    .param("ids", backorderIds.subList(from, Math.min(backorderIds.size(), from + 1000)))
                    .query((rs, n) -> new FilledDemand(new Demand(rs.getLong("id"), rs.getString("purchase_order_id"),
                            rs.getString("sku"), rs.getInt("quantity"), "ACTIVE"), rs.getLong("backorder_id")))
                    .list();
            for (FilledDemand demand : demands) {
                boolean collecting = lock(demand.demand().purchaseOrderId())
                        .map(po -> po.status() == PurchaseOrderStatus.COLLECTING).orElse(false);
                if (!collecting) {
                    continue;
                }
                takeOffBatch(demand.demand(), filledByBackorder.get(demand.backorderId()));
            }
        }
    }

    /**
     * Takes up to {@code units} of this demand out of its batch, which the caller holds locked while it collects:
     * the demand shrinks, or is withdrawn once nothing of it is left, and the batch's line shrinks alike.
     */
    public void takeOffBatch(Demand demand, int units) {
        int taken = Math.min(demand.quantity(), units);
        if (taken == demand.quantity()) {
            withdrawDemand(demand.id());
        } else {
            jdbc.sql("UPDATE purchase_order_demand SET quantity = quantity - ? WHERE id = ?")
                    .params(taken, demand.id()).update();
        }
        addToLine(demand.purchaseOrderId(), demand.sku(), -taken);
    }

    private record FilledDemand(Demand demand, long backorderId) {
    }

    public void withdrawDemand(long demandId) {
        jdbc.sql("UPDATE purchase_order_demand SET status = 'WITHDRAWN' WHERE id = ?").param(demandId).update();
    }

    public void setLineQuantity(String id, String sku, int quantity) {
        jdbc.sql("UPDATE purchase_order_line SET quantity = ? WHERE purchase_order_id = ? AND sku = ?")
                .params(quantity, id, sku).update();
    }

    public void markPlaced(String id, String supplierReference, Instant eta, String etaBasis, Instant leadTimeEta) {
        jdbc.sql("""
                        UPDATE purchase_order SET status = 'PLACED', placed_at = ?, supplier_reference = ?, eta = ?, eta_basis = ?,
                               lead_time_eta = ?
                        WHERE id = ?""")
                .params(OffsetDateTime.now(clock), supplierReference, utc(eta), etaBasis, utc(leadTimeEta), id).update();
    }

    public void markConfirmed(String id, Instant eta) {
        jdbc.sql("""
                        UPDATE purchase_order SET status = 'CONFIRMED', confirmed_at = COALESCE(confirmed_at, ?),
                               promised_eta = COALESCE(promised_eta, ?), eta = ?, eta_basis = 'PURCHASE_ORDER'
                        WHERE id = ?""")
                .params(OffsetDateTime.now(clock), utc(eta), utc(eta), id).update();
    }

    /** Goods arriving unannounced confirm the purchase order; no promise was made, so none is recorded. */
    public void confirmByDelivery(String id) {
        jdbc.sql("UPDATE purchase_order SET status = 'CONFIRMED', confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL")
                .params(OffsetDateTime.now(clock), id).update();
    }

    public void moveEta(String id, Instant eta, String etaBasis, String reason) {
        jdbc.sql("UPDATE purchase_order SET eta = ?, eta_basis = ?, delay_reason = ? WHERE id = ?")
                .params(utc(eta), etaBasis, reason, id).update();
    }

    public void dropEmptyLines(String id) {
        jdbc.sql("DELETE FROM purchase_order_line WHERE purchase_order_id = ? AND quantity = 0 AND received = 0").param(id).update();
    }

    public void markClosed(String id, String reason) {
        jdbc.sql("UPDATE purchase_order SET status = 'CLOSED', closed_at = ?, delay_reason = ? WHERE id = ?")
                .params(OffsetDateTime.now(clock), reason, id).update();
    }

    public void markCancelled(String id) {
        jdbc.sql("UPDATE purchase_order SET status = 'CANCELLED', closed_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(clock), id).update();
    }

    /** Adds received units to the line; answers whether this was the first receipt of the purchase order. */
    public boolean receive(String id, String sku, int quantity) {
        jdbc.sql("UPDATE purchase_order_line SET received = received + ? WHERE purchase_order_id = ? AND sku = ?")
                .params(quantity, id, sku).update();
        return jdbc.sql("UPDATE purchase_order SET first_received_at = ? WHERE id = ? AND first_received_at IS NULL")
                .params(OffsetDateTime.now(clock), id).update() == 1;
    }

    public void close(String id, String trackingNumber) {
        jdbc.sql("UPDATE purchase_order SET status = 'RECEIVED', closed_at = ?, tracking_number = COALESCE(?, tracking_number) WHERE id = ?")
                .params(OffsetDateTime.now(clock), trackingNumber, id).update();
    }

    /** Read from this table, which the current transaction wrote: the engine's own query would not see it yet. */
    public String processInstanceId(String id) {
        return jdbc.sql("SELECT process_instance_id FROM purchase_order WHERE id = ?").param(id).query(String.class)
                .optional().orElse(null);
    }

    public void setProcessInstanceId(String id, String processInstanceId) {
        jdbc.sql("UPDATE purchase_order SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    /**
     * Units still to come, apart by whether the supplier has them on order yet: a batch still collecting
     * demand is a plan, not goods on their way. A line delivered beyond its quantity has none to come,
     * not a negative number.
     */
    public Incoming incoming(String sku) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(GREATEST(l.quantity - l.received, 0))
                                   FILTER (WHERE po.status IN ('PLACED', 'CONFIRMED')), 0) AS inbound,
                               COALESCE(SUM(l.quantity) FILTER (WHERE po.status = 'COLLECTING'), 0) AS collecting
                        FROM purchase_order_line l
                        JOIN purchase_order po ON po.id = l.purchase_order_id
                        WHERE l.sku = ? AND po.status IN ('COLLECTING', 'PLACED', 'CONFIRMED') AND po.drop_ship = FALSE""")
                .param(sku).query((rs, n) -> new Incoming(rs.getInt("inbound"), rs.getInt("collecting"))).single();
    }

    /** Units ordered from suppliers and not yet received, and units in batches not yet placed. */
    public record Incoming(int inbound, int collecting) {
    }

    public List<PurchaseOrderLine> lines(String id) {
        return jdbc.sql("SELECT sku, quantity, received FROM purchase_order_line WHERE purchase_order_id = ? ORDER BY sku")
                .param(id)
                .query((rs, n) -> new PurchaseOrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getInt("received")))
                .list();
    }

    private static PurchaseOrder map(ResultSet rs, List<PurchaseOrderLine> lines) throws SQLException {
        return new PurchaseOrder(rs.getString("id"), rs.getString("supplier_id"),
                PurchaseOrderStatus.valueOf(rs.getString("status")), rs.getBoolean("drop_ship"), rs.getString("order_id"),
                instant(rs, "window_closes_at"), instant(rs, "placed_at"), rs.getString("supplier_reference"),
                instant(rs, "promised_eta"), instant(rs, "eta"), rs.getString("eta_basis"), instant(rs, "confirmed_at"),
                rs.getString("delay_reason"), rs.getString("tracking_number"), instant(rs, "created_at"), lines,
                instant(rs, "lead_time_eta"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A backorder's share of a purchase order. */
    public record Demand(long id, String purchaseOrderId, String sku, int quantity, String status) {
    }

    public record Covering(String purchaseOrderId, String status, String processInstanceId) {
    }
}
