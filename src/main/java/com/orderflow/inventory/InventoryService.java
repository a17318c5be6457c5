package com.orderflow.inventory;

import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.replenishment.ReplenishmentPlanner;
import com.orderflow.replenishment.ReplenishmentPlanner.PlannedSupply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

@Service
public class InventoryService {

    private final StockRepository stock;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final ReplenishmentPlanner planner;
    private final Timeline timeline;

    public InventoryService(StockRepository stock, ProductRepository products, OrderRepository orders,
                            BackorderRepository backorders, ReplenishmentPlanner planner, Timeline timeline) {
        this.stock = stock;
        this.products = products;
        this.orders = orders;
        this.backorders = backorders;
        this.planner = planner;
        this.timeline = timeline;
    }

    /**
     * Reserves what is in stock for each line and backorders the rest, each shortfall with an ETA.
     * A product whose policy denies backorders makes the whole order fail instead, reserving
     * nothing. Runs under the stock rows' locks, so concurrent orders never take the same units;
     * a second run for the same order changes nothing.
     */
    public Reservation reserve(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        List<OrderLine> pending = order.lines().stream().filter(l -> unhandled(l) > 0).toList();
        if (pending.isEmpty()) {
            return order.lines().stream().anyMatch(l -> l.backordered() > 0) ? Reservation.SHORT : Reservation.FULL;
        }
        Map<String, Stock> locked = stock.lock(pending.stream().map(OrderLine::sku).toList()).stream()
                .collect(Collectors.toMap(Stock::sku, Function.identity()));
        Map<String, Product> catalog = products.findAll(locked.keySet());
        boolean denied = pending.stream().anyMatch(line -> catalog.get(line.sku()).backorderPolicy() == BackorderPolicy.DENY
                && locked.get(line.sku()).available() < unhandled(line));
        if (denied) {
            return Reservation.DENIED;
        }
        List<Map<String, Object>> reserved = new ArrayList<>();
        List<Map<String, Object>> short_ = new ArrayList<>();
        Instant latestEta = null;
        for (OrderLine line : pending) {
            int need = unhandled(line);
            int take = Math.min(need, Math.max(0, locked.get(line.sku()).available()));
            if (take > 0) {
                stock.reserve(line.sku(), take);
                orders.addReserved(orderId, line.lineNo(), take);
                reserved.add(Map.of("sku", line.sku(), "quantity", take));
            }
            int missing = need - take;
            if (missing > 0) {
                long backorderId = backorders.insert(orderId, line.lineNo(), line.sku(), missing, order.priority(),
                        order.createdAt());
                PlannedSupply supply = planner.plan(backorderId, orderId, line.sku(),
                        catalog.get(line.sku()).supplierId(), missing);
                Eta eta = supply.eta();
                backorders.plan(backorderId, eta, supply.dropShip());
                orders.addBackordered(orderId, line.lineNo(), missing);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("sku", line.sku());
                entry.put("quantity", missing);
                entry.put("eta", eta.at().toString());
                entry.put("etaBasis", eta.basis().name());
                entry.put("purchaseOrderId", supply.purchaseOrderId());
                entry.put("dropShip", supply.dropShip());
                short_.add(entry);
                latestEta = latestEta == null || eta.at().isAfter(latestEta) ? eta.at() : latestEta;
            }
        }
        if (!reserved.isEmpty()) {
            timeline.record(orderId, TimelineType.RESERVED, Map.of("lines", reserved), "reserved:" + orderId);
        }
        if (short_.isEmpty()) {
            return Reservation.FULL;
        }
        orders.updateStatus(orderId, OrderStatus.BACKORDERED, null);
        timeline.record(orderId, TimelineType.BACKORDERED, Map.of("lines", short_, "eta", latestEta.toString()),
                "backordered:" + orderId);
        return Reservation.SHORT;
    }

    public void consumeReserved(String sku, int quantity) {
        stock.consumeReserved(sku, quantity);
    }

    /** Units of the line neither reserved, backordered, shipped nor cancelled yet. */
    private static int unhandled(OrderLine line) {
        return line.quantity() - line.reserved() - line.backordered() - line.shipped() - line.cancelled();
    }
}
