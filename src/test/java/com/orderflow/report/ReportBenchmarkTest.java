package com.orderflow.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Measures the backorder report on a large history (default 100,000 orders; set
 * {@code -Dbenchmark.orders=N}). Not part of the test suite: run with {@code mvn verify -Pbenchmark}.
 * It prints its figures; it asserts nothing about time.
 */
@Tag("benchmark")
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class ReportBenchmarkTest {

    @Autowired BackorderReportService reports;
    @Autowired JdbcClient jdbc;

    @Test
    void backorderReportOnALargeHistory() {
        int orders = Integer.getInteger("benchmark.orders", 100_000);
        long seedStart = System.nanoTime();
        seed(orders);
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        jdbc.sql("ANALYZE").update();

        for (int i = 0; i < 3; i++) {
            reports.report(null, null);
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            reports.report(null, null);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        millis.sort(Long::compare);
        long backorders = jdbc.sql("SELECT COUNT(*) FROM backorder").query(Long.class).single();

        System.out.printf("%n| backorder report benchmark | |%n|---|---|%n");
        System.out.printf("| date | %s |%n", Instant.now());
        System.out.printf("| machine | %d cores, %s, Java %s |%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.printf("| database | %s |%n", jdbc.sql("SELECT version()").query(String.class).single());
        System.out.printf("| orders / backorders | %,d / %,d (seeded in %,d ms) |%n", orders, backorders, seedMillis);
        System.out.printf("| report median / max of 10 | %d ms / %d ms |%n%n", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1));
    }

    /** A history spread over 120 days and five products; three orders in ten were backordered, half of those filled. */
    private void seed(int orders) {
        jdbc.sql("INSERT INTO supplier (id, name, lead_time, created_at, updated_at) VALUES ('bench', 'Bench', 'P5D', now(), now())")
                .update();
        for (int p = 0; p < 5; p++) {
            jdbc.sql("INSERT INTO product (sku, name, price, supplier_id, created_at, updated_at) VALUES (?, ?, 10, 'bench', now(), now())")
                    .params("BENCH-" + p, "Bench product " + p).update();
        }
        jdbc.sql("""
                        INSERT INTO orders (id, status, customer_name, customer_email, customer_locale, ship_policy,
                                            payment_token, currency, total, request_hash, created_at, updated_at)
                        SELECT 'BENCH-' || g, CASE WHEN g % 10 < 3 THEN 'BACKORDERED' ELSE 'SHIPPED' END, 'Ada',
                               'ada@example.com', 'en', 'PARTIAL', 'tok_visa', 'EUR', 10, 'bench',
                               now() - (g % 120) * interval '1 day' - (g % 1440) * interval '1 minute', now()
                        FROM generate_series(1, ?) g""")
                .param(orders).update();
        jdbc.sql("""
                        INSERT INTO order_line (order_id, line_no, sku, quantity, unit_price)
                        SELECT 'BENCH-' || g, 1, 'BENCH-' || (g % 5), 1 + g % 4, 10 FROM generate_series(1, ?) g""")
                .param(orders).update();
        jdbc.sql("""
                        INSERT INTO backorder (order_id, line_no, sku, quantity, open_quantity, ordered_at, created_at,
                                               status, filled_at)
                        SELECT o.id, 1, l.sku, l.quantity, CASE WHEN g % 2 = 0 THEN 0 ELSE l.quantity END, o.created_at,
                               o.created_at, CASE WHEN g % 2 = 0 THEN 'FILLED' ELSE 'OPEN' END,
                               CASE WHEN g % 2 = 0 THEN o.created_at + (g % 72) * interval '1 hour' END
                        FROM generate_series(1, ?) g JOIN orders o ON o.id = 'BENCH-' || g
                        JOIN order_line l ON l.order_id = o.id
                        WHERE g % 10 < 3""")
                .param(orders).update();
    }
}
