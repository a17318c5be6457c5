package com.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderflow.api.ConflictException;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cancel racing the goods receipt that would ship the order: whichever wins, the order is either
 * shipped and paid or cancelled and voided, never both, and stock adds up.
 */
@SpringBootTest
@ActiveProfiles("test")
class CancellationRaceTest {

    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired ReceiptService receipts;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired RuntimeService runtime;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(suppliers, products, stock, transaction);
    }

    @RepeatedTest(8)
    void cancelRacingAGoodsReceiptLeavesOrderMoneyAndStockConsistent() {
        String sku = catalog.product("25.00", 0);
        String orderId = "RACE-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 2)), ShipPolicy.COMPLETE, null,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForStock(orderId));

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
            awaitLatch(start);
            try {
                orders.requestCancellation(orderId, CancellationRequester.api("shop"));
            } catch (ConflictException shippedFirst) {
                // the receipt won and the order shipped before the request
            }
        });
        CompletableFuture<Void> receipt = CompletableFuture.runAsync(() -> {
            awaitLatch(start);
            receipts.receive(sku, 2, null, ReceiptSource.RECEIPT, "warehouse");
        });
        start.countDown();
        CompletableFuture.allOf(cancel, receipt).join();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() == 0);
        Order order = orderRepository.find(orderId).orElseThrow();
        Payment payment = payments.find(orderId).orElseThrow();
        OrderLine line = order.lines().get(0);
        assertThat(order.status()).isIn(OrderStatus.CANCELLED, OrderStatus.SHIPPED);
        if (order.status() == OrderStatus.SHIPPED) {
            assertThat(line.shipped()).isEqualTo(2);
            assertThat(payment.captured()).isEqualByComparingTo("50.00");
            assertThat(payment.voided()).isEqualByComparingTo("0");
            assertThat(stock.find(sku).orElseThrow().onHand()).isZero();
        } else {
            assertThat(line.shipped()).isZero();
            assertThat(line.cancelled()).isEqualTo(2);
            assertThat(payment.captured()).isEqualByComparingTo("0");
            assertThat(payment.voided()).isEqualByComparingTo("50.00");
            assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(2);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE reference = ?").param(orderId)
                    .query(Integer.class).single()).isZero();
        }
        assertThat(stock.find(sku).orElseThrow().reserved()).isZero();
        assertThat(line.reserved() + line.backordered()).isZero();
    }

    private boolean waitingForStock(String orderId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM act_ru_event_subscr e JOIN orders o ON o.process_instance_id = e.proc_inst_id_
                        WHERE o.id = ? AND e.event_name_ = 'StockAllocated'""")
                .param(orderId).query(Integer.class).single() == 1;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
