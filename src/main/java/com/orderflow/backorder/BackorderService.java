package com.orderflow.backorder;

import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.replenishment.PurchaseOrderService;
import com.orderflow.replenishment.ReplenishmentPlanner;
import com.orderflow.replenishment.ReplenishmentPlanner.PlannedSupply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
public class BackorderService {

    private final OrderRepository orders;
    private final ProductRepository products;
    private final BackorderRepository backorders;
    private final BackorderPromises promises;
    private final ReplenishmentPlanner planner;
    private final PurchaseOrderService purchaseOrders;
    private final StockRepository stock;
    private final Timeline timeline;

    public BackorderService(OrderRepository orders, ProductRepository products, BackorderRepository backorders,
                            BackorderPromises promises, ReplenishmentPlanner planner, PurchaseOrderService purchaseOrders, StockRepository stock,
                            Timeline timeline) {
        this.orders = orders;
        this.products = products;
        this.backorders = backorders;
        this.promises = promises;
        this.planner = planner;
        this.purchaseOrders = purchaseOrders;
        this.stock = stock;
        this.timeline = timeline;
    }

    /**
     * Records what reservation could not cover as backorders, each with its supply (a purchase
     * order, a batch, or a drop-ship order) and the ETA that supply promises. Runs once per line.
     */
    public void backorderShortfall(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        if (order.cancelRequested()) {
            // The cancel reached the order before its message reached the process: nothing is to be ordered
            // from a supplier for it, and the process waits for the cancellation (OrderProgress).
            return;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        Instant latest = null;
        for (OrderLine line : order.lines()) {
            int missing = line.quantity() - line.reserved() - line.backordered() - line.shipped() - line.cancelled();
            if (missing <= 0 || backorders.openForLine(orderId, line.lineNo()).isPresent()) {
                continue;
            }
            Product product = products.find(line.sku()).orElseThrow();
            long backorderId = backorders.insert(orderId, line.lineNo(), line.sku(), missing, order.priority(),
                    order.createdAt());
            PlannedSupply supply = planner.plan(backorderId, orderId, line.sku(), product.supplierId(), missing);
            backorders.plan(backorderId, supply.eta(), supply.dropShip());
            promises.record(backorderId, supply.eta().at());
            orders.addBackordered(orderId, line.lineNo(), missing);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sku", line.sku());
            entry.put("quantity", missing);
            entry.put("eta", supply.eta().at().toString());
            entry.put("etaBasis", supply.eta().basis().name());
            entry.put("purchaseOrderId", supply.purchaseOrderId());
            entry.put("dropShip", supply.dropShip());
            lines.add(entry);
            latest = latest == null || supply.eta().at().isAfter(latest) ? supply.eta().at() : latest;
        }
        if (lines.isEmpty()) {
            return;
        }
        orders.updateStatus(orderId, OrderStatus.BACKORDERED, null);
        orders.recordFirstPromise(orderId, latest);
        timeline.record(orderId, TimelineType.BACKORDERED, Map.of("lines", lines, "eta", latest.toString()),
                "backordered:" + orderId);
    }

    /**
     * Withdraws a cancelled order's open backorders: they leave the queue, and their demand leaves a
     * batch not yet placed (a placed purchase order stands; its goods go to others or to stock).
     * Answers the backorders withdrawn, each with the units it still waited for.
     */
    public List<Backorder> withdraw(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        if (open(orderId).isEmpty()) {
            return List.of();
        }
        // Receipts lock a product's stock, then its purchase order, then its backorders. Taking them in
        // that order here too keeps a cancellation from deadlocking with a receipt: its compensation
        // goes on to release the order's reservations, which locks the same stock rows. A receipt
        // changes the backorders under that stock lock, so they are read again once it is held.
        stock.lock(order.lines().stream().map(OrderLine::sku).toList());
        List<Backorder> open = open(orderId);
        List<Map<String, Object>> withdrawn = new ArrayList<>();
        for (Backorder backorder : open) {
            purchaseOrders.withdraw(backorder.id());
            backorders.cancel(backorder.id());
            orders.cancelUnits(orderId, backorder.lineNo(), 0, backorder.openQuantity(), 0);
            withdrawn.add(Map.of("sku", backorder.sku(), "quantity", backorder.openQuantity()));
        }
        if (!open.isEmpty()) {
            timeline.record(orderId, TimelineType.WITHDRAWN, Map.of("lines", withdrawn), "withdrawn:" + orderId);
        }
        return open;
    }

    private List<Backorder> open(String orderId) {
        return backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status())).toList();
    }
}
