package com.orderflow.inventory;

import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

@Service
public class InventoryService {

    private final StockRepository stock;
    private final OrderRepository orders;
    private final Timeline timeline;

    public InventoryService(StockRepository stock, OrderRepository orders, Timeline timeline) {
        this.stock = stock;
        this.orders = orders;
        this.timeline = timeline;
    }

    /**
     * Reserves every open unit of the order, or nothing at all. Runs under the stock rows' locks,
     * so concurrent orders cannot both take the last units. Answers whether the order is fully reserved.
     */
    public boolean reserveAll(String orderId) {
        Order order = orders.lock(orderId).orElseThrow();
        List<OrderLine> toReserve = order.lines().stream().filter(l -> l.open() > l.reserved()).toList();
        if (toReserve.isEmpty()) {
            return true;
        }
        Map<String, Stock> locked = stock.lock(toReserve.stream().map(OrderLine::sku).toList()).stream()
                .collect(Collectors.toMap(Stock::sku, Function.identity()));
        boolean enough = toReserve.stream().allMatch(line -> locked.containsKey(line.sku())
                && locked.get(line.sku()).available() >= line.open() - line.reserved());
        if (!enough) {
            return false;
        }
        for (OrderLine line : toReserve) {
            int quantity = line.open() - line.reserved();
            stock.reserve(line.sku(), quantity);
            orders.addReserved(orderId, line.lineNo(), quantity);
        }
        timeline.record(orderId, TimelineType.RESERVED, Map.of("lines", toReserve.stream()
                .map(l -> Map.of("sku", l.sku(), "quantity", l.open() - l.reserved())).toList()), "reserved:" + orderId);
        return true;
    }

    public void consumeReserved(String sku, int quantity) {
        stock.consumeReserved(sku, quantity);
    }
}
