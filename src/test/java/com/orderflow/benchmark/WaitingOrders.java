package com.orderflow.benchmark;

import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.payment.AuthorizationRenewals;
import com.orderflow.process.OrderProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backordered orders waiting for stock, many of them fast. Placing them the real way runs at the job
 * executor's pace (under 50 orders/s on two shared cores; hours for 100,000). So one template order is
 * placed the real way and waits; its domain rows are copied in SQL for every other order, and each
 * copy's instance is started through the engine's API directly at the wait
 * ({@code startBeforeActivity("Gateway_WaitForStock")}) with the template's variables. That creates the
 * subscriptions and the ETA timer the real path would, and the renewal instance through
 * {@link AuthorizationRenewals}. What it leaves out: the compensation subscriptions of the steps the copy
 * never ran (reported by {@link #engineRows}) and the template's purchase-order demand rows; a receipt
 * without a purchase order serves the queue regardless.
 */
final class WaitingOrders {

    static final int THREADS = 4;
    static final int ORDERS_PER_TRANSACTION = 25;
    /**
     * Statistics are refreshed after every so many instances, as autovacuum would while the tables grow.
     * PostgreSQL plans each foreign-key check once per connection and keeps the plan until the table's
     * statistics change: planned while {@code ACT_RU_EXECUTION} was nearly empty, every insert of an
     * execution scanned the whole table (16 billion rows read at 40,000 seeded orders; the seeding of
     * 100,000 slowed to a crawl).
     */
    static final int ANALYZE_EVERY = 5_000;

    /** Tables holding an order's own rows with the column naming the order, parents before children. */
    private static final List<Map.Entry<String, String>> ORDER_TABLES = List.of(Map.entry("orders", "id"),
            Map.entry("order_line", "order_id"), Map.entry("order_event", "order_id"), Map.entry("payment", "order_id"),
            Map.entry("payment_operation", "order_id"), Map.entry("backorder", "order_id"),
            Map.entry("notification_outbox", "order_id"));

    private final OrderService orders;
    private final RuntimeService runtime;
    private final AuthorizationRenewals renewals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    WaitingOrders(OrderService orders, RuntimeService runtime, AuthorizationRenewals renewals, JdbcClient jdbc,
                  TransactionTemplate transaction) {
        this.orders = orders;
        this.runtime = runtime;
        this.renewals = renewals;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Places {@code prefix + 0} the real way, one unit of {@code sku}, and waits until it waits for stock. */
    String placeTemplate(String prefix, String sku) {
        String template = prefix + "0";
        orders.place(new PlaceOrderRequest(template, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 1)), ShipPolicy.PARTIAL, null,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        BenchmarkTable.awaitCondition("order " + template + " to wait for stock", Duration.ofMinutes(5),
                () -> stockAllocatedSubscriptions(template) == 1 && runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(AuthorizationRenewals.businessKey(template)).count() == 1);
        return template;
    }

    /** Makes orders {@code prefix + 1 .. prefix + (count - 1)} copies of the template {@code prefix + 0}. */
    Seeding copyTemplate(String prefix, int count) throws InterruptedException, ExecutionException {
        String template = prefix + "0";
        long start = System.nanoTime();
        for (Map.Entry<String, String> table : ORDER_TABLES) {
            copyRows(table.getKey(), table.getValue(), template, prefix, count - 1);
        }
        analyze(jdbc);
        Duration sqlCopy = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Object> variables = runtime.getVariables(instanceOf(template));
        ExecutorService seeding = Executors.newFixedThreadPool(THREADS);
        try {
            for (int chunk = 1; chunk < count; chunk += ANALYZE_EVERY) {
                List<Future<?>> started = new ArrayList<>();
                for (int from = chunk; from < Math.min(count, chunk + ANALYZE_EVERY); from += ORDERS_PER_TRANSACTION) {
                    int first = from;
                    int last = Math.min(count - 1, from + ORDERS_PER_TRANSACTION - 1);
                    started.add(seeding.submit(() -> transaction.executeWithoutResult(status -> {
                        for (int i = first; i <= last; i++) {
                            startWaiting(prefix + i, variables);
                        }
                    })));
                }
                for (Future<?> f : started) {
                    f.get();
                }
                analyze(jdbc);
            }
        } finally {
            seeding.shutdown();
        }
        return new Seeding(count, sqlCopy, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Refreshes the planner's statistics while and after seeding, as autovacuum would have while the
     * orders waited for days. This machine's PostgreSQL runs with autovacuum off (its conf.d/90-ci.conf):
     * without this, the engine's correlation queries were planned for the empty tables of a few
     * minutes earlier and took 25 to 55 ms each instead of well under one.
     */
    static void analyze(JdbcClient jdbc) {
        jdbc.sql("ANALYZE").update();
    }

    /** How long seeding took: the SQL copy, and everything including the engine instances. */
    record Seeding(int orders, Duration sqlCopy, Duration total) {
        String describe() {
            return "%s for %,d (%s SQL copy of a template order placed the real way, then instances started at the wait by %d threads, %d a transaction: %.0f orders/s)"
                    .formatted(BenchmarkTable.millis(total), orders, BenchmarkTable.millis(sqlCopy), THREADS,
                            ORDERS_PER_TRANSACTION, orders * 1000.0 / Math.max(1, total.toMillis()));
        }
    }

    /** Engine rows of the template and of one copy, so a reader can see what the copies lack. */
    String engineRows(String templateOrder, String copyOrder) {
        String template = instanceOf(templateOrder);
        String copy = instanceOf(copyOrder);
        return "subscriptions %d / %d, jobs %d / %d, variables %d / %d".formatted(
                count("act_ru_event_subscr", "proc_inst_id_", template), count("act_ru_event_subscr", "proc_inst_id_", copy),
                count("act_ru_job", "process_instance_id_", template), count("act_ru_job", "process_instance_id_", copy),
                count("act_ru_variable", "proc_inst_id_", template), count("act_ru_variable", "proc_inst_id_", copy));
    }

    String instanceOf(String orderId) {
        return jdbc.sql("SELECT process_instance_id FROM orders WHERE id = ?").param(orderId).query(String.class).single();
    }

    /** Copies the template's rows of one table, renaming the order id wherever a text column holds it (keys too). */
    private void copyRows(String table, String orderColumn, String template, String prefix, int copies) {
        List<String[]> columns = jdbc.sql("""
                        SELECT column_name, data_type FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'NO'
                          AND (column_default IS NULL OR column_default NOT LIKE 'nextval%')
                        ORDER BY ordinal_position""")
                .param(table).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String[] column : columns) {
            names.append(names.isEmpty() ? "" : ", ").append(column[0]);
            boolean text = column[1].equals("character varying") || column[1].equals("text");
            String value = column[0].equals("process_instance_id") ? "NULL"
                    // Unique keys that do not name the order (a purchase order's event) get the copy's id appended.
                    : text && column[0].endsWith("_key") ? "CASE WHEN strpos(" + column[0] + ", :template) > 0 THEN replace("
                            + column[0] + ", :template, :prefix || g) ELSE " + column[0] + " || ':' || :prefix || g END"
                    : text ? "replace(" + column[0] + ", :template, :prefix || g)" : column[0];
            values.append(values.isEmpty() ? "" : ", ").append(value);
        }
        jdbc.sql("INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM " + table
                        + ", generate_series(1, :copies) g WHERE " + orderColumn + " = :template")
                .param("template", template).param("prefix", prefix).param("copies", copies).update();
    }

    private void startWaiting(String orderId, Map<String, Object> templateVariables) {
        Map<String, Object> variables = new HashMap<>(templateVariables);
        variables.put(OrderProcess.VAR_ORDER_ID, orderId);
        String instance = runtime.createProcessInstanceByKey(OrderProcess.KEY).businessKey(orderId)
                .setVariables(variables).startBeforeActivity("Gateway_WaitForStock").execute().getId();
        jdbc.sql("UPDATE orders SET process_instance_id = ? WHERE id = ?").params(instance, orderId).update();
        renewals.start(orderId);
    }

    private long stockAllocatedSubscriptions(String orderId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM act_ru_event_subscr e JOIN orders o ON o.process_instance_id = e.proc_inst_id_
                        WHERE o.id = ? AND e.event_name_ = 'StockAllocated'""")
                .param(orderId).query(Long.class).single();
    }

    private long count(String table, String instanceColumn, String processInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + instanceColumn + " = ?").param(processInstanceId)
                .query(Long.class).single();
    }
}
