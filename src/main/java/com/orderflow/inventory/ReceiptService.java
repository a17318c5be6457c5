package com.orderflow.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderflow.api.ConflictException;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.AllocationResult;
import com.orderflow.backorder.AllocationService;
import com.orderflow.process.OrderResumption;
import com.orderflow.replenishment.PurchaseOrderService;
import com.orderflow.replenishment.StrandedDemandReplanner;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
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
    private final ObjectMapper json;

    public ReceiptService(StockRepository stock, AllocationService allocation, OrderResumption resumption,
                          PurchaseOrderService purchaseOrders, StrandedDemandReplanner stranded, JdbcClient jdbc,
                          Clock clock, ObjectMapper json) {
        this.stock = stock;
        this.allocation = allocation;
        this.resumption = resumption;
        this.purchaseOrders = purchaseOrders;
        this.stranded = stranded;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** Books goods that arrived or that a stock count found, at the word of user {@code by}. */
    @Transactional
    public ReceiptResult receive(String sku, int quantity, String purchaseOrderId, ReceiptSource source, String by) {
        return book(sku, quantity, purchaseOrderId, source, null, by).result();
    }

    /**
     * A receipt from the API. One with a reference the warehouse already booked is not booked again:
     * the repeat gets the first booking's answer, and the same reference on other goods is a conflict.
     */
    @Transactional
    public Booking receive(ReceiptRequest request, String by) {
        return book(request.sku(), request.quantity(), request.purchaseOrderId(), ReceiptSource.RECEIPT, request.reference(),
                by);
    }

    /** What a receipt did, and whether it was done by an earlier request with the same reference. */
    public record Booking(ReceiptResult result, boolean repeated) {
    }

    private Booking book(String sku, int quantity, String purchaseOrderId, ReceiptSource source, String reference,
                         String by) {
        List<Stock> locked = stock.lock(List.of(sku));
        if (locked.isEmpty()) {
            throw new InvalidInputException("sku", "names no known product");
        }
        // The product's row lock orders two sends of one receipt: the second sees the first's booking.
        Optional<ReceiptResult> earlier = reference == null ? Optional.empty() : booked(reference);
        if (earlier.isPresent()) {
            ReceiptResult first = earlier.get();
            if (!first.sku().equals(sku) || first.quantity() != quantity
                    || !Objects.equals(first.purchaseOrderId(), purchaseOrderId)) {
                throw conflict(reference, first);
            }
            return new Booking(first, true);
        }
        long onHandAfter = (long) locked.get(0).onHand() + quantity;
        if (onHandAfter > Stock.MOST_ON_HAND) {
            throw new InvalidInputException("quantity", "would take the stock of " + sku + " to " + onHandAfter
                    + " units, more than the " + Stock.MOST_ON_HAND + " a product's stock may hold");
        }
        int overReceived = purchaseOrderId == null ? 0 : purchaseOrders.receive(purchaseOrderId, sku, quantity);
        String receiptId = "R-" + UUID.randomUUID();
        try {
            jdbc.sql("""
                            INSERT INTO goods_receipt (id, sku, quantity, purchase_order_id, source, allocated, to_stock,
                                                       received_at, reference, received_by)
                            VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")
                    .params(receiptId, sku, quantity, purchaseOrderId, source.name(), quantity, OffsetDateTime.now(clock),
                            reference, by)
                    .update();
        } catch (DuplicateKeyException sameReferenceOtherProduct) {
            // Booked meanwhile for another product (a row lock of its own): this request names other goods.
            throw new ConflictException("reference " + reference + " names another receipt already");
        }
        AllocationResult result = allocation.allocate(sku, quantity, receiptId);
        stock.receive(sku, quantity, result.allocated());
        ReceiptResult answer = new ReceiptResult(receiptId, reference, sku, quantity, purchaseOrderId, result.allocated(),
                result.toStock(), result.ordersToResume().size(),
                result.allocations().subList(0, Math.min(ALLOCATIONS_SHOWN, result.allocations().size())), overReceived,
                // Goods-in booked a delivery without its purchase order: say which ones it may have been, as that
                // one keeps counting the goods inbound and promising them to new orders.
                purchaseOrderId == null && source == ReceiptSource.RECEIPT ? purchaseOrders.bringing(sku) : List.of());
        jdbc.sql("UPDATE goods_receipt SET allocated = ?, to_stock = ?, answer = ? WHERE id = ?")
                .params(result.allocated(), result.toStock(), reference == null ? null : write(answer), receiptId).update();
        resumption.stockAllocated(result.ordersToResume());
        if (result.allocated() > 0) {
            stranded.replan(sku);
        }
        return new Booking(answer, false);
    }

    /**
     * Books a receipt that named no purchase order on the one its goods came with: goods-in left the reference out,
     * and that purchase order kept counting the goods inbound and promising them to new orders, with no way to put it
     * right. Its units stay where the queue put them; the purchase order counts them received (at the receipt's
     * time, for the supplier's history), closes when that completes it, and the orders promised its units beyond
     * what is still to come are planned again. A receipt booked on a purchase order is not moved.
     */
    @Transactional
    public ReceiptResult bookOnPurchaseOrder(String receiptId, String purchaseOrderId) {
        String sku = jdbc.sql("SELECT sku FROM goods_receipt WHERE id = ?").param(receiptId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("No receipt " + receiptId));
        stock.lock(List.of(sku));
        Unbooked receipt = jdbc.sql("""
                        SELECT quantity, purchase_order_id, source, received_at, reference, allocated, to_stock
                        FROM goods_receipt WHERE id = ? FOR UPDATE""")
                .param(receiptId)
                .query((rs, n) -> new Unbooked(rs.getInt("quantity"), rs.getString("purchase_order_id"),
                        ReceiptSource.valueOf(rs.getString("source")),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("reference"),
                        rs.getInt("allocated"), rs.getInt("to_stock")))
                .single();
        if (purchaseOrderId.equals(receipt.purchaseOrderId())) {
            // The same request again (its answer lost on the way): booked already, nothing booked twice.
            return new ReceiptResult(receiptId, receipt.reference(), sku, receipt.quantity(), purchaseOrderId,
                    receipt.allocated(), receipt.toStock(), 0, List.of(), 0, List.of());
        }
        if (receipt.purchaseOrderId() != null) {
            throw new ConflictException("Receipt " + receiptId + " is booked on purchase order " + receipt.purchaseOrderId()
                    + " already; a receipt booked on a purchase order is not moved");
        }
        if (receipt.source() != ReceiptSource.RECEIPT) {
            throw new ConflictException("Receipt " + receiptId + " is a stock count's: it came with no purchase order");
        }
        int overReceived = purchaseOrders.receive(purchaseOrderId, sku, receipt.quantity(), receipt.receivedAt());
        jdbc.sql("UPDATE goods_receipt SET purchase_order_id = ? WHERE id = ?").params(purchaseOrderId, receiptId).update();
        stranded.replan(sku, "goods-in booked receipt " + receiptId + " on its purchase order " + purchaseOrderId);
        return new ReceiptResult(receiptId, receipt.reference(), sku, receipt.quantity(), purchaseOrderId,
                receipt.allocated(), receipt.toStock(), 0, List.of(), overReceived, List.of());
    }

    private record Unbooked(int quantity, String purchaseOrderId, ReceiptSource source, Instant receivedAt,
                            String reference, int allocated, int toStock) {
    }

    /** A receipt booked against a purchase order, as the purchaser reads it back; {@code receivedBy} the user who booked it. */
    public record BookedReceipt(String receiptId, String reference, String sku, int quantity, Instant receivedAt,
                                String receivedBy) {
    }

    /** The receipts booked against the purchase order, oldest first. */
    public List<BookedReceipt> ofPurchaseOrder(String purchaseOrderId) {
        return jdbc.sql("""
                        SELECT id, reference, sku, quantity, received_at, received_by FROM goods_receipt
                        WHERE purchase_order_id = ? ORDER BY received_at, id""")
                .param(purchaseOrderId)
                .query((rs, n) -> new BookedReceipt(rs.getString("id"), rs.getString("reference"), rs.getString("sku"),
                        rs.getInt("quantity"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getString("received_by")))
                .list();
    }

    private Optional<ReceiptResult> booked(String reference) {
        return jdbc.sql("SELECT answer FROM goods_receipt WHERE reference = ?").param(reference).query(String.class)
                .optional().map(this::read);
    }

    private static ConflictException conflict(String reference, ReceiptResult first) {
        return new ConflictException("reference " + reference + " was booked as " + first.quantity() + " x " + first.sku()
                + (first.purchaseOrderId() == null ? "" : " for purchase order " + first.purchaseOrderId())
                + " (receipt " + first.receiptId() + "); a receipt of other goods needs a reference of its own");
    }

    private String write(ReceiptResult answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receipt's answer could not be written as JSON", e);
        }
    }

    private ReceiptResult read(String answer) {
        try {
            return json.readValue(answer, ReceiptResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored receipt's answer could not be read", e);
        }
    }
}
