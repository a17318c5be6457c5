package com.orderflow.backorder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderflow.inventory.StockRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.PurchaseOrderRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Gives arriving goods to the waiting backorders of their product: highest priority first, then
 * first come first served. The caller holds the product's stock row lock, so two receipts of one
 * product never allocate at once; the queue rows are locked too. Work per receipt is a handful of
 * batched statements, so releasing thousands of orders costs time linear in their number.
 */
@Service
public class AllocationService {

    private final BackorderRepository backorders;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final ObjectMapper json;
    private final BackorderMetrics metrics;
    private final StockRepository stock;
    private final PurchaseOrderRepository purchaseOrders;

    public AllocationService(BackorderRepository backorders, JdbcTemplate jdbc, NamedParameterJdbcTemplate named,
                             Clock clock, ObjectMapper json, BackorderMetrics metrics, StockRepository stock,
                             PurchaseOrderRepository purchaseOrders) {
        this.backorders = backorders;
        this.purchaseOrders = purchaseOrders;
        this.stock = stock;
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
        this.json = json;
        this.metrics = metrics;
    }

    public AllocationResult allocate(String sku, int quantity, String receiptId) {
        return allocate(sku, quantity, receiptId, null);
    }

    /**
     * Offers units a cancelled order gave back to the queue; they are already on hand, so only their
     * reservation moves. Answers the orders that can move on.
     */
    public List<String> reallocate(String sku, int quantity, String cancelledOrderId) {
        AllocationResult result = allocate(sku, quantity, null, cancelledOrderId);
        if (result.allocated() > 0) {
            stock.reserve(sku, result.allocated());
        }
        return result.ordersToResume();
    }

    private AllocationResult allocate(String sku, int quantity, String receiptId, String releasedByOrder) {
        int queueLength = backorders.queueLength(sku);
        List<Backorder> head = backorders.lockQueueHead(sku, Math.min(quantity, queueLength));
        List<Allocation> allocations = new ArrayList<>();
        int remaining = quantity;
        int position = 0;
        for (Backorder backorder : head) {
            position++;
            if (remaining == 0) {
                break;
            }
            int take = Math.min(remaining, backorder.openQuantity());
            remaining -= take;
            boolean filled = take == backorder.openQuantity();
            if (filled) {
                metrics.filled(backorder.orderedAt());
            }
            String reason = "Position " + position + " of " + queueLength + " waiting for " + sku
                    + (backorder.priority() > 0 ? " (priority " + backorder.priority() + ")" : "")
                    + ", ordered " + backorder.orderedAt();
            allocations.add(new Allocation(backorder.orderId(), backorder.lineNo(), backorder.id(), take, position, queueLength, filled,
                    reason));
        }
        if (!allocations.isEmpty()) {
            store(sku, receiptId, releasedByOrder, allocations);
            purchaseOrders.takeOffCollectingBatches(allocations.stream()
                    .collect(Collectors.toMap(Allocation::backorderId, Allocation::quantity, Integer::sum)));
        }
        return new AllocationResult(quantity - remaining, remaining, allocations, ordersToResume(allocations));
    }

    private void store(String sku, String receiptId, String releasedByOrder, List<Allocation> allocations) {
        String source = receiptId != null ? receiptId : "released-by-" + releasedByOrder;
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.batchUpdate("""
                        UPDATE backorder SET open_quantity = open_quantity - ?,
                               status = CASE WHEN open_quantity = ? THEN 'FILLED' ELSE status END,
                               filled_at = CASE WHEN open_quantity = ? THEN ? ELSE filled_at END
                        WHERE id = ?""",
                allocations, 500, (ps, a) -> {
                    ps.setInt(1, a.quantity());
                    ps.setInt(2, a.quantity());
                    ps.setInt(3, a.quantity());
                    ps.setObject(4, now);
                    ps.setLong(5, a.backorderId());
                });
        jdbc.batchUpdate("""
                        UPDATE order_line SET reserved = reserved + ?, backordered = backordered - ?, allocated_at = ?
                        WHERE order_id = ? AND line_no = ?""",
                allocations, 500, (ps, a) -> {
                    ps.setInt(1, a.quantity());
                    ps.setInt(2, a.quantity());
                    ps.setObject(3, now);
                    ps.setString(4, a.orderId());
                    ps.setInt(5, a.lineNo());
                });
        jdbc.batchUpdate("""
                        INSERT INTO allocation (receipt_id, backorder_id, order_id, sku, quantity, queue_position,
                                                queue_length, reason, allocated_at, released_by_order)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                allocations, 500, (ps, a) -> {
                    ps.setString(1, receiptId);
                    ps.setLong(2, a.backorderId());
                    ps.setString(3, a.orderId());
                    ps.setString(4, sku);
                    ps.setInt(5, a.quantity());
                    ps.setInt(6, a.queuePosition());
                    ps.setInt(7, a.queueLength());
                    ps.setString(8, a.reason());
                    ps.setObject(9, now);
                    ps.setString(10, releasedByOrder);
                });
        jdbc.batchUpdate("INSERT INTO order_event (order_id, type, at, data, dedup_key) VALUES (?, 'ALLOCATED', ?, ?, ?)",
                allocations, 500, (ps, a) -> {
                    ps.setString(1, a.orderId());
                    ps.setObject(2, now);
                    ps.setString(3, details(sku, source, a));
                    ps.setString(4, "allocated:" + source + ":" + a.backorderId());
                });
    }

    /**
     * Orders that can move on: those whose backorders are all filled now, and those whose customer
     * asked to get what is available ({@code PARTIAL}) as soon as anything arrives, and those with ops deciding
     * about them: the order's wake-up writes the open task's figures again, which otherwise showed goods that
     * had arrived as still waiting. Their lines are
     * locked by the updates above, so an order deciding whether to wait ({@code OrderRepository.lockWithLines})
     * sees this allocation either completely or not at all. Their rows are left alone: the caller holds
     * the product's stock row, and an order's own steps (dispatch, releasing a reservation) lock the
     * order's row before its stock, so taking the row here could close a cycle with them.
     */
    private List<String> ordersToResume(List<Allocation> allocations) {
        Set<String> touched = new LinkedHashSet<>();
        allocations.forEach(a -> touched.add(a.orderId()));
        if (touched.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(touched);
        List<String> resumable = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            resumable.addAll(named.queryForList("""
                            SELECT o.id FROM orders o
                            WHERE o.id IN (:ids)
                              AND (o.ship_policy = 'PARTIAL'
                                   OR NOT EXISTS (SELECT 1 FROM backorder b WHERE b.order_id = o.id AND b.status = 'OPEN')
                                   OR EXISTS (SELECT 1 FROM act_ru_task t
                                              WHERE t.proc_inst_id_ = o.process_instance_id AND t.task_def_key_ = :opsTask))""",
                    Map.of("ids", chunk, "opsTask", OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER), String.class));
        }
        return resumable;
    }

    private String details(String sku, String source, Allocation allocation) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sku", sku);
        details.put("quantity", allocation.quantity());
        details.put("source", source);
        details.put("queuePosition", allocation.queuePosition());
        details.put("queueLength", allocation.queueLength());
        details.put("backorderFilled", allocation.filled());
        details.put("reason", allocation.reason());
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
