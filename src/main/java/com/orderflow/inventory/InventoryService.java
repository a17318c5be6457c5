package com.orderflow.inventory;

import com.orderflow.backorder.AllocationService;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderResumption;
import com.orderflow.shipping.ShipmentRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
public class InventoryService {

    private final StockRepository stock;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final Timeline timeline;
    private final ShipmentRepository shipments;
    private final AllocationService allocation;
    private final OrderResumption resumption;

    public InventoryService(StockRepository stock, ProductRepository products, OrderRepository orders,
                            Timeline timeline, ShipmentRepository shipments, AllocationService allocation,
                            OrderResumption resumption) {
        this.stock = stock;
        this.products = products;
        this.orders = orders;
        this.timeline = timeline;
        this.shipments = shipments;
        this.allocation = allocation;
        this.resumption = resumption;
    }

    /**
     * Reserves what is in stock for each line; the shortfall is for the next step to backorder.
     * A product whose policy denies backorders makes the whole order fail instead, reserving
     * nothing; its line is marked refused. Runs under the stock rows' locks, so concurrent orders
     * never take the same units; a second run for the same order changes nothing.
     */
    public Reservation reserve(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        List<OrderLine> pending = order.lines().stream().filter(l -> unhandled(l) > 0).toList();
        if (pending.isEmpty()) {
            return order.lines().stream().anyMatch(l -> l.backordered() > 0) ? Reservation.SHORT : Reservation.FULL;
        }
        Map<String, Stock> locked = stock.lock(pending.stream().map(OrderLine::sku).toList()).stream()
                .collect(Collectors.toMap(Stock::sku, Function.identity()));
        // A product's backorder policy matters only where stock falls short; an order in stock skips the look-up.
        List<OrderLine> shortLines = pending.stream().filter(line -> locked.get(line.sku()).available() < unhandled(line))
                .toList();
        Map<String, Product> shortProducts = shortLines.isEmpty() ? Map.of()
                : products.findAll(shortLines.stream().map(OrderLine::sku).toList());
        List<OrderLine> refused = shortLines.stream()
                .filter(line -> shortProducts.get(line.sku()).backorderPolicy() == BackorderPolicy.DENY).toList();
        if (!refused.isEmpty()) {
            refused.forEach(line -> orders.refuse(orderId, line.lineNo()));
            return Reservation.DENIED;
        }
        List<Map<String, Object>> reserved = new ArrayList<>();
        boolean anyShort = false;
        for (OrderLine line : pending) {
            int need = unhandled(line);
            int take = Math.min(need, Math.max(0, locked.get(line.sku()).available()));
            if (take > 0) {
                stock.reserve(line.sku(), take);
                orders.addReserved(orderId, line.lineNo(), take);
                reserved.add(Map.of("sku", line.sku(), "quantity", take));
            }
            anyShort |= take < need;
        }
        if (!reserved.isEmpty()) {
            timeline.record(orderId, TimelineType.RESERVED, Map.of("lines", reserved), "reserved:" + orderId);
        }
        return anyShort ? Reservation.SHORT : Reservation.FULL;
    }

    /**
     * Gives back what a cancelled order holds: its reserved units leave the reservation and go first
     * to the backorders waiting for them (like arriving goods), the rest to free stock.
     */
    public void release(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        // A receipt turns backordered units into reserved ones under the product's stock lock (not the
        // order's), so the lines that hold or may come to hold units are read again once it is held.
        List<OrderLine> mayHold = order.lines().stream().filter(l -> l.reserved() > 0 || l.backordered() > 0).toList();
        if (mayHold.isEmpty()) {
            return;
        }
        stock.lock(mayHold.stream().map(OrderLine::sku).toList());
        List<OrderLine> holding = orders.lines(orderId).stream().filter(l -> l.reserved() > 0).toList();
        if (holding.isEmpty()) {
            return;
        }
        shipments.cancelPacked(orderId);
        List<Map<String, Object>> released = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        for (OrderLine line : holding) {
            stock.release(line.sku(), line.reserved());
            orders.cancelUnits(orderId, line.lineNo(), line.reserved(), 0, 0);
            released.add(Map.of("sku", line.sku(), "quantity", line.reserved()));
            resumed.addAll(allocation.reallocate(line.sku(), line.reserved(), orderId));
        }
        timeline.record(orderId, TimelineType.RELEASED, Map.of("lines", released), "released:" + orderId);
        resumption.stockAllocated(resumed);
    }

    /**
     * Takes the units of a dispatched parcel out of stock, as the last statements of the caller's
     * transaction. Every dispatch of a product updates the product's one stock row and holds its lock
     * until commit; taken mid-step, the lock was held through the rest of the step and the engine's
     * writes, and a release of thousands of orders on one product queued its dispatches behind each
     * other (docs/performance.md). Updated in SKU order, as every stock writer locks its rows: the
     * parcel's line order could deadlock with a reservation holding the same products.
     */
    public void consumeReserved(Map<String, Integer> unitsBySku) {
        Map<String, Integer> bySku = new TreeMap<>(unitsBySku);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            bySku.forEach(stock::consumeReserved);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                bySku.forEach(stock::consumeReserved);
            }
        });
    }

    /** Why {@link #reserve} refused the order, for ops: each refused line's SKU, quantity and stock. */
    public String refusal(String orderId) {
        return orders.lines(orderId).stream().filter(OrderLine::refused)
                .map(line -> line.sku() + ": " + line.quantity() + " ordered, "
                        + stock.find(line.sku()).map(s -> Math.max(0, s.available())).orElse(0)
                        + " available, takes no backorders")
                .collect(Collectors.joining("; "));
    }

    /** Units of the line neither reserved, backordered, shipped nor cancelled yet. */
    private static int unhandled(OrderLine line) {
        return line.quantity() - line.reserved() - line.backordered() - line.shipped() - line.cancelled();
    }
}
