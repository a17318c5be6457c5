package com.orderflow.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Many orders and receipts at once, with the job executor doing the work as in production. */
@SpringBootTest
@ActiveProfiles("test")
class BackorderConcurrencyTest {

    @Autowired OrderService orders;
    @Autowired ReceiptService receipts;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(suppliers, products, stock, transaction);
    }

    @Test
    void fiftyConcurrentOrdersForTenUnitsReserveExactlyTenAndBackorderForty() throws Exception {
        String sku = catalog.product("10.00", 10);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> placed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            placed.add(pool.submit(() -> {
                start.await();
                return place(sku, ShipPolicy.COMPLETE).id();
            }));
        }
        start.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<String> f : placed) {
            ids.add(f.get());
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("status IN ('SHIPPED', 'BACKORDERED')", sku) == 50);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'SHIPPED'", sku) == 10);
        assertThat(count("status = 'BACKORDERED'", sku)).isEqualTo(40);
        assertThat(sum("shipped", sku)).isEqualTo(10);
        assertThat(sum("backordered", sku)).isEqualTo(40);
        assertThat(stock.find(sku).orElseThrow().onHand()).isZero();
        assertThat(stock.find(sku).orElseThrow().reserved()).isZero();

        receipts.receive(sku, 40, null, ReceiptSource.RECEIPT, "warehouse");

        await().atMost(Duration.ofSeconds(60)).until(() -> count("status = 'SHIPPED'", sku) == 50);
        assertThat(sum("shipped", sku)).isEqualTo(50);
        assertThat(stock.find(sku).orElseThrow().onHand()).isZero();
        assertCapturedOncePerOrder(ids);
    }

    @Test
    void receiptCoveringAThousandWaitingOrdersShipsEachOnceAndCapturesEachOnce() {
        String sku = catalog.product("3.00", 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(place(sku, i % 2 == 0 ? ShipPolicy.COMPLETE : ShipPolicy.PARTIAL).id());
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> waiting(sku) == 1000);

        receipts.receive(sku, 1000, null, ReceiptSource.RECEIPT, "warehouse");

        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("status = 'SHIPPED'", sku) == 1000);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM shipment s JOIN orders o ON o.id = s.order_id
                        JOIN order_line l ON l.order_id = o.id WHERE l.sku = ?""")
                .param(sku).query(Integer.class).single()).isEqualTo(1000);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT reference) FROM sim_carrier_ledger WHERE reference IN "
                        + "(SELECT order_id FROM order_line WHERE sku = ?)")
                .param(sku).query(Integer.class).single()).isEqualTo(1000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE reference IN "
                        + "(SELECT order_id FROM order_line WHERE sku = ?)")
                .param(sku).query(Integer.class).single()).isEqualTo(1000);
        assertCapturedOncePerOrder(ids);
        assertThat(stock.find(sku).orElseThrow().onHand()).isZero();
    }

    private void assertCapturedOncePerOrder(List<String> ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM payment WHERE order_id IN (:ids) AND captured = authorized")
                .param("ids", ids).query(Integer.class).single() == ids.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE kind = 'CAPTURE' AND order_id IN (:ids)")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(ids.size());
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND reference IN
                          (SELECT authorization_id FROM payment WHERE order_id IN (:ids))""")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(ids.size());
    }

    private com.orderflow.order.Order place(String sku, ShipPolicy policy) {
        return orders.place(new PlaceOrderRequest("C-" + UUID.randomUUID(),
                new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 1)), policy, null,
                new PlaceOrderRequest.PaymentRequest("tok_visa"))).order();
    }

    private int waiting(String sku) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM act_ru_event_subscr e JOIN orders o ON o.process_instance_id = e.proc_inst_id_
                        JOIN order_line l ON l.order_id = o.id WHERE l.sku = ? AND e.event_name_ = 'StockAllocated'""")
                .param(sku).query(Integer.class).single();
    }

    private int count(String condition, String sku) {
        return jdbc.sql("SELECT COUNT(*) FROM orders o JOIN order_line l ON l.order_id = o.id WHERE l.sku = ? AND o."
                + condition).param(sku).query(Integer.class).single();
    }

    private int sum(String column, String sku) {
        return jdbc.sql("SELECT COALESCE(SUM(" + column + "), 0) FROM order_line WHERE sku = ?").param(sku)
                .query(Integer.class).single();
    }
}
