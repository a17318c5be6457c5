package com.orderflow.inventory;

import com.orderflow.api.InvalidInputException;
import com.orderflow.backorder.AllocationResult;
import com.orderflow.backorder.AllocationService;
import com.orderflow.process.OrderResumption;
import com.orderflow.replenishment.PurchaseOrderService;
import com.orderflow.replenishment.StrandedDemandReplanner;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Goods in: under the product's stock row lock, waiting backorders get the units first, the rest
 * becomes free stock, and the orders that can move on are handed to the engine to resume. A receipt
 * naming its purchase order is booked against it too (whoever waits gets the goods, though: the
 * queue decides, not the purchase order).
 */
@Service
public class ReceiptService {

    private static final int ALLOCATIONS_SHOWN = 100;

    private final StockRepository stock;
    private final AllocationService allocation;
    private final OrderResumption resumption;
    private final PurchaseOrderService purchaseOrders;
    private final StrandedDemandReplanner stranded;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ReceiptService(StockRepository stock, AllocationService allocation, OrderResumption resumption,
                          PurchaseOrderService purchaseOrders, StrandedDemandReplanner stranded, JdbcClient jdbc,
                          Clock clock) {
        this.stock = stock;
        this.allocation = allocation;
        this.resumption = resumption;
        this.purchaseOrders = purchaseOrders;
        this.stranded = stranded;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public ReceiptResult receive(String sku, int quantity, String purchaseOrderId, ReceiptSource source) {
        List<Stock> locked = stock.lock(List.of(sku));
        if (locked.isEmpty()) {
            throw new InvalidInputException("sku", "names no known product");
        }
        long onHandAfter = (long) locked.get(0).onHand() + quantity;
        if (onHandAfter > Stock.MOST_ON_HAND) {
            throw new InvalidInputException("quantity", "would take the stock of " + sku + " to " + onHandAfter
                    + " units, more than the " + Stock.MOST_ON_HAND + " a product's stock may hold");
        }
        if (purchaseOrderId != null) {
            purchaseOrders.receive(purchaseOrderId, sku, quantity);
        }
        String receiptId = "R-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO goods_receipt (id, sku, quantity, purchase_order_id, source, allocated, to_stock, received_at)
                        VALUES (?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(receiptId, sku, quantity, purchaseOrderId, source.name(), quantity, OffsetDateTime.now(clock))
                .update();
        AllocationResult result = allocation.allocate(sku, quantity, receiptId);
        stock.receive(sku, quantity, result.allocated());
        jdbc.sql("UPDATE goods_receipt SET allocated = ?, to_stock = ? WHERE id = ?")
                .params(result.allocated(), result.toStock(), receiptId).update();
        resumption.stockAllocated(result.ordersToResume());
        if (result.allocated() > 0) {
            stranded.replan(sku);
        }
        return new ReceiptResult(receiptId, sku, quantity, purchaseOrderId, result.allocated(), result.toStock(),
                result.ordersToResume().size(),
                result.allocations().subList(0, Math.min(ALLOCATIONS_SHOWN, result.allocations().size())));
    }
}
