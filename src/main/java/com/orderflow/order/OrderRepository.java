package com.orderflow.order;

import com.orderflow.payment.Payment;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

@Repository
public class OrderRepository {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PerTransaction<Set<String>> lockedInTransaction = new PerTransaction<>(HashSet::new);
    private final String rowLock;

    public OrderRepository(JdbcClient jdbc, Clock clock, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.clock = clock;
        // PostgreSQL's FOR NO KEY UPDATE serialises the order's steps as FOR UPDATE does, but lets other
        // transactions insert rows that reference the order: a receipt holding a product's stock writes
        // its orders' ALLOCATED entries, and under FOR UPDATE each waited for the order's step, which
        // may be waiting for that stock (a dispatch). H2, the development database, knows only FOR UPDATE.
        this.rowLock = "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                DatabaseMetaData::getDatabaseProductName)) ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** Stores a new order; answers it as stored, with its timestamps. */
    public Order insert(Order order) {
        // The database keeps microseconds; the answer must say what a later read says.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        INSERT INTO orders (id, status, customer_name, customer_email, customer_locale, ship_policy, priority,
                                            payment_token, currency, total, request_hash, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(order.id(), order.status().name(), order.customer().name(), order.customer().email(),
                        order.customer().locale(), order.shipPolicy().name(), order.priority(), order.paymentToken(),
                        order.currency(), order.total(), order.requestHash(), now, now)
                .update();
        for (OrderLine line : order.lines()) {
            jdbc.sql("""
                            INSERT INTO order_line (order_id, line_no, sku, quantity, unit_price)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(order.id(), line.lineNo(), line.sku(), line.quantity(), line.unitPrice())
                    .update();
        }
        return order.storedAt(now.toInstant());
    }

    /** Whether an order has this id; cheaper than {@link #find}, which reads its lines too. */
    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }

    /** The order with its lines, in one round trip: most steps read an order, and each trip costs. */
    public Optional<Order> find(String id) {
        return jdbc.sql("""
                        SELECT o.*, l.line_no AS line_line_no, l.sku AS line_sku, l.quantity AS line_quantity,
                               l.unit_price AS line_unit_price, l.reserved AS line_reserved,
                               l.backordered AS line_backordered, l.shipped AS line_shipped, l.cancelled AS line_cancelled,
                               l.allocated_at AS line_allocated_at, l.refused AS line_refused
                        FROM orders o LEFT JOIN order_line l ON l.order_id = o.id
                        WHERE o.id = ? ORDER BY l.line_no""")
                .param(id)
                .query(rs -> {
                    if (!rs.next()) {
                        return Optional.<Order>empty();
                    }
                    Order header = order(rs, List.of());
                    List<OrderLine> lines = new ArrayList<>();
                    do {
                        if (rs.getObject("line_line_no") != null) {
                            lines.add(line(rs, "line_"));
                        }
                    } while (rs.next());
                    return Optional.of(header.withLines(lines));
                });
    }

    /**
     * Reads the order holding its row lock until the transaction ends; serialises steps of one order.
     * A transaction that holds the lock already (reserve, then pick and pack, in one job) reads the
     * order in one round trip: nobody else can have changed it since.
     */
    public Optional<Order> lock(String id) {
        return lock(id, this::lines);
    }

    /**
     * {@link #lock} with the order's lines locked as well. A receipt allocating to the order
     * changes its lines and not its row (a receipt holds the product's stock, and the order's own
     * steps lock the row before stock), so a step deciding on the lines waits here for a receipt
     * still writing them, and a receipt reaching them later waits until the step is done.
     */
    public Optional<Order> lockWithLines(String id) {
        Set<String> locked = lockedInTransaction.current();
        if (locked != null && locked.contains(id)) {
            return find(id).map(order -> order.withLines(lockedLines(id)));
        }
        return lock(id, this::lockedLines);
    }

    private Optional<Order> lock(String id, Function<String, List<OrderLine>> lines) {
        Set<String> locked = lockedInTransaction.current();
        if (locked != null && locked.contains(id)) {
            return find(id);
        }
        Optional<Order> order = jdbc.sql("SELECT * FROM orders WHERE id = ? " + rowLock).param(id)
                .query((rs, n) -> order(rs, lines.apply(id))).optional();
        if (locked != null && order.isPresent()) {
            locked.add(id);
        }
        return order;
    }

    private List<OrderLine> lockedLines(String orderId) {
        return jdbc.sql("SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no " + rowLock).param(orderId)
                .query((rs, n) -> line(rs, ""))
                .list();
    }

    /**
     * Whether the order is still as placed (accepted, with lines) and every line names a product priced
     * in the order's currency; in one round trip, as "Validate order" runs in every placement.
     */
    public boolean fulfillableAsPlaced(String id) {
        return jdbc.sql("""
                        SELECT o.status = 'ACCEPTED'
                               AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id)
                               AND NOT EXISTS (SELECT 1 FROM order_line l LEFT JOIN product p ON p.sku = l.sku
                                               WHERE l.order_id = o.id AND (p.sku IS NULL OR p.currency <> o.currency))
                        FROM orders o WHERE o.id = ?""")
                .param(id).query(Boolean.class).optional()
                .orElseThrow(() -> new IllegalStateException("No order " + id));
    }

    public List<OrderLine> lines(String orderId) {
        return jdbc.sql("SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no").param(orderId)
                .query((rs, n) -> line(rs, ""))
                .list();
    }

    /** An order line from columns named as in {@code order_line}, each with {@code prefix} in front. */
    private static OrderLine line(ResultSet rs, String prefix) throws SQLException {
        return new OrderLine(rs.getInt(prefix + "line_no"), rs.getString(prefix + "sku"), rs.getInt(prefix + "quantity"),
                rs.getBigDecimal(prefix + "unit_price"), rs.getInt(prefix + "reserved"), rs.getInt(prefix + "backordered"),
                rs.getInt(prefix + "shipped"), rs.getInt(prefix + "cancelled"), instant(rs, prefix + "allocated_at"),
                rs.getBoolean(prefix + "refused"));
    }

    /** Marks the line the order failed on; the order's rejection follows in a later step. */
    public void refuse(String orderId, int lineNo) {
        jdbc.sql("UPDATE order_line SET refused = TRUE WHERE order_id = ? AND line_no = ?").params(orderId, lineNo).update();
    }

    /**
     * A finished order's payment token is cleared with it (V33): its money moves by the authorisation from now on.
     * An order held for a lapsed authorisation keeps it until the lapse ends ({@link #clearPaymentLapse}).
     */
    public void updateStatus(String id, OrderStatus status, String rejectReason) {
        jdbc.sql("""
                        UPDATE orders SET status = ?, reject_reason = COALESCE(?, reject_reason), updated_at = ?,
                               payment_token = CASE WHEN ? AND payment_lapsed_at IS NULL THEN NULL ELSE payment_token END
                        WHERE id = ?""")
                .params(status.name(), rejectReason, OffsetDateTime.now(clock), status.isFinished(), id)
                .update();
    }

    public void setProcessInstanceId(String orderId, String processInstanceId) {
        jdbc.sql("UPDATE orders SET process_instance_id = ? WHERE id = ?").params(processInstanceId, orderId).update();
    }

    public List<String> processInstanceIds(List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT process_instance_id FROM orders WHERE id IN (:ids) AND process_instance_id IS NOT NULL")
                .param("ids", orderIds).query(String.class).list();
    }

    /**
     * Keeps the ETA the customer was first promised (the latest of the order's backorders when it was
     * backordered): delays are measured from it. Later calls change nothing.
     */
    public void recordFirstPromise(String orderId, Instant eta) {
        jdbc.sql("UPDATE orders SET first_promised_eta = COALESCE(first_promised_eta, ?) WHERE id = ?")
                .params(eta.atOffset(ZoneOffset.UTC), orderId).update();
    }

    /**
     * An ETA a notice other than a delay notice told the customer (a parcel's notice gives the rest's date),
     * when it is earlier than what they knew: a later date is a delay against it. A later one is not
     * recorded: that is a delay still to be announced, with its apology and the customer's choices.
     */
    public void recordEarlierToldEta(String orderId, Instant eta) {
        OffsetDateTime told = eta.atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE orders SET announced_eta = ? WHERE id = ? AND ? < COALESCE(announced_eta, first_promised_eta)")
                .params(told, orderId, told).update();
    }

    /**
     * The zone whose days a notice giving the customer a date printed. Written only when it differs, so an
     * order's row is not locked again for each notice while the zone stays as it was.
     */
    public void recordEtaToldIn(String orderId, ZoneId zone) {
        jdbc.sql("UPDATE orders SET eta_told_zone = ? WHERE id = ? AND (eta_told_zone IS NULL OR eta_told_zone <> ?)")
                .params(zone.getId(), orderId, zone.getId()).update();
    }

    /** Answers whether this call recorded the request (false: it was recorded before). */
    public boolean requestCancellation(String orderId) {
        return jdbc.sql("UPDATE orders SET cancel_requested_at = ?, updated_at = ? WHERE id = ? AND cancel_requested_at IS NULL")
                .params(OffsetDateTime.now(clock), OffsetDateTime.now(clock), orderId).update() == 1;
    }

    /** Holds the order: its payment could not be authorised again. The first lapse's time is kept. */
    public void markPaymentLapsed(String orderId) {
        jdbc.sql("UPDATE orders SET payment_lapsed_at = COALESCE(payment_lapsed_at, ?), updated_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(clock), OffsetDateTime.now(clock), orderId).update();
    }

    /** Answers whether the order was held for a lapsed payment (and is released now). */
    public boolean clearPaymentLapse(String orderId) {
        List<String> finished = OrderStatus.finishedNames();
        String finishedStatuses = String.join(", ", Collections.nCopies(finished.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(OffsetDateTime.now(clock));
        params.addAll(finished);
        params.add(orderId);
        return jdbc.sql("""
                        UPDATE orders SET payment_lapsed_at = NULL, updated_at = ?,
                               payment_token = CASE WHEN status IN (%s) THEN NULL ELSE payment_token END
                        WHERE id = ? AND payment_lapsed_at IS NOT NULL""".formatted(finishedStatuses))
                .params(params).update() == 1;
    }

    /** The customer gave another payment method for an order whose authorisation lapsed. */
    public void replacePaymentToken(String orderId, String token) {
        jdbc.sql("UPDATE orders SET payment_token = ?, updated_at = ? WHERE id = ?")
                .params(token, OffsetDateTime.now(clock), orderId).update();
    }

    /** Units no longer owed: reserved ones released, backordered ones withdrawn, the rest given up. */
    public void cancelUnits(String orderId, int lineNo, int fromReserved, int fromBackordered, int unhandled) {
        jdbc.sql("""
                        UPDATE order_line SET reserved = reserved - ?, backordered = backordered - ?, cancelled = cancelled + ?
                        WHERE order_id = ? AND line_no = ?""")
                .params(fromReserved, fromBackordered, fromReserved + fromBackordered + unhandled, orderId, lineNo)
                .update();
        touch(orderId);
    }

    public void addBackordered(String orderId, int lineNo, int quantity) {
        jdbc.sql("UPDATE order_line SET backordered = backordered + ? WHERE order_id = ? AND line_no = ?")
                .params(quantity, orderId, lineNo).update();
    }

    public void addReserved(String orderId, int lineNo, int quantity) {
        jdbc.sql("UPDATE order_line SET reserved = reserved + ? WHERE order_id = ? AND line_no = ?")
                .params(quantity, orderId, lineNo).update();
        touch(orderId);
    }

    /** Moves units from reserved to shipped; the table's checks refuse more than was reserved. */
    public void ship(String orderId, int lineNo, int quantity) {
        // No touch: shipping ends in a status update, which stamps the order.
        jdbc.sql("UPDATE order_line SET reserved = reserved - ?, shipped = shipped + ? WHERE order_id = ? AND line_no = ?")
                .params(quantity, quantity, orderId, lineNo).update();
    }

    /** Moves backordered units straight to shipped: the supplier delivered them to the customer. */
    public void shipFromBackorder(String orderId, int lineNo, int quantity) {
        jdbc.sql("UPDATE order_line SET backordered = backordered - ?, shipped = shipped + ? WHERE order_id = ? AND line_no = ?")
                .params(quantity, quantity, orderId, lineNo).update();
        touch(orderId);
    }

    /**
     * One page of orders, newest first, and how many match in all. A payment row is read only for its status and
     * what is unpaid; an order without one gets the status {@link OrderView#paymentStatusWithoutPayment} names.
     */
    public Page page(OrderFilter by, int firstResult, int maxResults) {
        StringBuilder filter = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (by.customerEmail() != null) {
            // PostgreSQL reads this through the index on LOWER(customer_email) (db/vendor/postgresql).
            filter.append(" AND LOWER(o.customer_email) = LOWER(:email)");
            params.put("email", by.customerEmail());
        }
        if (!by.statuses().isEmpty()) {
            filter.append(" AND o.status IN (:statuses)");
            params.put("statuses", by.statuses().stream().map(Enum::name).toList());
        }
        if (by.unpaid()) {
            filter.append(" AND ").append(Payment.owedCondition("p"));
        }
        String from = " FROM orders o LEFT JOIN payment p ON p.order_id = o.id" + filter;
        long total = jdbc.sql("SELECT COUNT(*)" + from).params(params).query(Long.class).single();
        Map<String, Object> paging = new HashMap<>(params);
        paging.put("limit", maxResults);
        paging.put("offset", firstResult);
        List<OrderSummary> shown = jdbc.sql("""
                        SELECT o.id, o.status, o.customer_name, o.customer_email, o.customer_locale, o.currency, o.total,
                               o.created_at, o.updated_at, p.status AS payment_status,
                               CASE WHEN %s THEN p.unpaid ELSE 0.00 END AS owed""".formatted(Payment.owedCondition("p"))
                        + from + " ORDER BY o.created_at DESC, o.id DESC LIMIT :limit OFFSET :offset")
                .params(paging)
                .query((rs, n) -> {
                    OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
                    String paymentStatus = rs.getString("payment_status");
                    return new OrderSummary(rs.getString("id"), status,
                            new Customer(rs.getString("customer_name"), rs.getString("customer_email"),
                                    rs.getString("customer_locale")),
                            rs.getString("currency"), rs.getBigDecimal("total"),
                            paymentStatus == null ? OrderView.paymentStatusWithoutPayment(status) : paymentStatus,
                            rs.getBigDecimal("owed"), instant(rs, "created_at"), instant(rs, "updated_at"));
                })
                .list();
        return new Page(shown, total);
    }

    /** Orders of one page, and how many match the filter in all. */
    public record Page(List<OrderSummary> orders, long total) {
    }

    /** The customer's corrected address; the order's row must be locked. */
    public void changeEmail(String orderId, String email) {
        jdbc.sql("UPDATE orders SET customer_email = ?, updated_at = ? WHERE id = ?")
                .params(email, OffsetDateTime.now(clock), orderId).update();
    }

    private void touch(String orderId) {
        jdbc.sql("UPDATE orders SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock), orderId).update();
    }

    private static Order order(ResultSet rs, List<OrderLine> lines) throws SQLException {
        return new Order(rs.getString("id"), OrderStatus.valueOf(rs.getString("status")),
                new Customer(rs.getString("customer_name"), rs.getString("customer_email"),
                        rs.getString("customer_locale")),
                ShipPolicy.valueOf(rs.getString("ship_policy")), rs.getInt("priority"), rs.getString("payment_token"),
                rs.getString("currency"), rs.getBigDecimal("total"), rs.getString("request_hash"),
                rs.getString("reject_reason"), instant(rs, "created_at"), instant(rs, "updated_at"), lines,
                instant(rs, "cancel_requested_at"), instant(rs, "payment_lapsed_at"), consolation(rs));
    }

    private static Consolation consolation(ResultSet rs) throws SQLException {
        String kind = rs.getString("consolation");
        return kind == null ? null
                : new Consolation(kind, (Integer) rs.getObject("consolation_discount_percent"), rs.getString("discount_code"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
