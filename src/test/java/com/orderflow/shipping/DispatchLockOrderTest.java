package com.orderflow.shipping;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.inventory.StockRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Found by the crash drill (drills/crash.sh): dispatching a parcel took its units out of stock in the
 * parcel's line order, while reservations lock stock rows in SKU order, so a two-product parcel and a
 * reservation of the same two products deadlocked (the engine retried, but a burst could use up the
 * retries). Dispatch now updates its stock rows in SKU order too.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class DispatchLockOrderTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired TestCatalog catalog;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @Test
    void parcelWithLinesAgainstSkuOrderDoesNotDeadlockWithAReservationOfTheSameProducts() {
        List<String> bySku = jdbc.sql("SELECT sku FROM stock WHERE sku IN (?, ?) ORDER BY sku")
                .params(catalog.product("10.00", 5), catalog.product("20.00", 5)).query(String.class).list();
        String first = bySku.get(0);
        String second = bySku.get(1);
        ProcessInstance instance = place(List.of(line(second), line(first)));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");

        // A reservation holds the first product's row and then wants the second, while the parcel dispatches.
        CompletableFuture<Void> reservation = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            stock.lock(List.of(first));
            await().atMost(Duration.ofSeconds(20)).until(this::anotherTransactionWaitsForALock);
            stock.lock(List.of(second));
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> lockedBySomeone(first));
        String dispatchJob = job(instance).getId();
        CompletableFuture<Void> dispatch = CompletableFuture.runAsync(() -> engine.getManagementService().executeJob(dispatchJob));

        assertThatCode(reservation::join).doesNotThrowAnyException();
        assertThatCode(dispatch::join).doesNotThrowAnyException();
        assertThat(instance).isWaitingAt("Task_CapturePayment");
        assertThat(stock.find(first).orElseThrow().onHand()).isEqualTo(4);
        assertThat(stock.find(second).orElseThrow().onHand()).isEqualTo(4);
        assertThat(stock.find(first).orElseThrow().reserved()).isZero();
        assertThat(stock.find(second).orElseThrow().reserved()).isZero();
    }

    private boolean anotherTransactionWaitsForALock() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%stock%'""")
                .query(Integer.class).single() > 0;
    }

    private boolean lockedBySomeone(String sku) {
        return jdbc.sql("SELECT sku FROM stock WHERE sku = ? FOR UPDATE SKIP LOCKED").param(sku)
                .query(String.class).list().isEmpty();
    }

    private static PlaceOrderRequest.LineRequest line(String sku) {
        return new PlaceOrderRequest.LineRequest(sku, 1);
    }

    private ProcessInstance place(List<PlaceOrderRequest.LineRequest> lines) {
        String orderId = "LOCK-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                lines, ShipPolicy.PARTIAL, null, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
    }
}
