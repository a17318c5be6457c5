package com.orderflow.replenishment;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderResumption;
import com.orderflow.replenishment.ReplenishmentPlanner.PlannedSupply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Receipts go to the queue, not to the purchase order they were booked against: a receipt may fill a
 * backorder that another purchase order was meant to cover, and leave the purchase order it was
 * booked on without the units it promised its own backorders. Those backorders would wait for goods
 * that already went elsewhere, with that purchase order's stale ETA, while the other purchase
 * order's units counted as promised to nobody. After each receipt such backorders are planned again,
 * as new ones would be: unpromised inbound units first, otherwise the supplier's collecting batch.
 */
@Service
public class StrandedDemandReplanner {

    private final JdbcClient jdbc;
    private final ProductRepository products;
    private final ReplenishmentPlanner planner;
    private final PurchaseOrderRepository purchaseOrders;
    private final BackorderRepository backorders;
    private final Timeline timeline;
    private final OrderResumption resumption;

    public StrandedDemandReplanner(JdbcClient jdbc, ProductRepository products, ReplenishmentPlanner planner,
                                   PurchaseOrderRepository purchaseOrders, BackorderRepository backorders,
                                   Timeline timeline, OrderResumption resumption) {
        this.jdbc = jdbc;
        this.products = products;
        this.planner = planner;
        this.purchaseOrders = purchaseOrders;
        this.backorders = backorders;
        this.timeline = timeline;
        this.resumption = resumption;
    }

    /** Runs in the receipt's transaction, under the product's stock lock. */
    public void replan(String sku) {
        replan(sku, "the goods meant for it went to an order ahead in the queue");
    }

    /** Under the product's stock lock; {@code why} is the reason each order's timeline gives. */
    public void replan(String sku, String why) {
        List<Backorder> stranded = stranded(sku);
        if (stranded.isEmpty()) {
            return;
        }
        String supplierId = products.find(sku).orElseThrow().supplierId();
        Set<String> affected = new LinkedHashSet<>();
        for (Backorder backorder : stranded) {
            purchaseOrders.deleteDemand(backorder.id());
            PlannedSupply supply = planner.plan(backorder.id(), backorder.orderId(), sku, supplierId, backorder.openQuantity());
            backorders.plan(backorder.id(), supply.eta(), supply.dropShip());
            timeline.record(backorder.orderId(), TimelineType.ETA_CHANGED, EtaChangeDetails.of(backorder,
                    supply.purchaseOrderId(), supply.eta(), why), null);
            affected.add(backorder.orderId());
        }
        resumption.etaChanged(affected);
    }

    /**
     * Per placed purchase order, its open backorders in queue order take what it still has to
     * deliver; those beyond it (all of them, once it is closed) are stranded. Read from the product's
     * open backorders (the queue's index), as the receipt that just ran allocated them.
     */
    private List<Backorder> stranded(String sku) {
        List<Row> rows = jdbc.sql("""
                        SELECT d.purchase_order_id, b.id AS backorder_id, b.open_quantity,
                               CASE WHEN po.status IN ('PLACED', 'CONFIRMED') THEN GREATEST(l.quantity - l.received, 0) ELSE 0 END
                                   AS inbound
                        FROM purchase_order_demand d
                        JOIN backorder b ON b.id = d.backorder_id
                        JOIN purchase_order po ON po.id = d.purchase_order_id
                        LEFT JOIN purchase_order_line l ON l.purchase_order_id = po.id AND l.sku = d.sku
                        WHERE b.sku = ? AND b.status = 'OPEN' AND b.open_quantity > 0 AND d.status = 'ACTIVE'
                          AND po.drop_ship = FALSE AND po.status <> 'COLLECTING'
                        ORDER BY d.purchase_order_id, b.priority DESC, b.ordered_at, b.id""")
                .param(sku)
                .query((rs, n) -> new Row(rs.getString("purchase_order_id"), rs.getLong("backorder_id"), rs.getInt("open_quantity"),
                        rs.getInt("inbound")))
                .list();
        Map<String, Integer> promised = new HashMap<>();
        List<Backorder> stranded = new ArrayList<>();
        for (Row row : rows) {
            int upTo = promised.merge(row.purchaseOrderId(), row.openQuantity(), Integer::sum);
            if (upTo > row.inbound()) {
                stranded.add(backorders.find(row.backorderId()).orElseThrow());
            }
        }
        stranded.sort(Comparator.comparing(Backorder::priority).reversed().thenComparing(Backorder::orderedAt)
                .thenComparing(Backorder::id));
        return stranded;
    }

    private record Row(String purchaseOrderId, long backorderId, int openQuantity, int inbound) {
    }
}
