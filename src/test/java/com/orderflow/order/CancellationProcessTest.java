package com.orderflow.order;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.api.ConflictException;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentGateway;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.payment.PaymentService;
import com.orderflow.payment.PaymentStatus;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.LockRace;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Cancelling at each stage: compensation undoes exactly what was done, and the books stay honest. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class CancellationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired PaymentRepository payments;
    @Autowired PaymentService paymentService;
    @Autowired PaymentGateway gateway;
    @Autowired BackorderRepository backorders;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired OrderController api;

    TestCatalog catalog;
    EngineJobs jobs;
    LockRace locks;

    @BeforeEach
    void setUp() {
        init(engine);
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
        locks = new LockRace(transaction, jdbc);
    }

    @Test
    void cancelBeforeAnythingHappenedMovesNoMoney() {
        String chair = catalog.product("100.00", 5);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 1));

        cancel(instance);

        assertThat(instance).isEnded().hasPassed("EndEvent_OrderCancelled").hasNotPassed("Task_AuthorizePayment");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.find(instance.getBusinessKey())).isEmpty();
        assertThat(api.get(instance.getBusinessKey()).payment().status()).as("no payment is to come").isEqualTo("NONE");
        assertThat(types(instance)).contains("CANCEL_REQUESTED", "CANCELLED").doesNotContain("VOIDED", "REFUNDED");
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
    }

    /**
     * The cancel's message reaches the process after the order's own first steps have run: they backordered
     * the rest, ordered it from the supplier and told the customer "we have ordered the rest for you", all
     * after the shop's 202. A requested cancellation now backorders nothing and announces nothing but itself.
     */
    @Test
    void aCancelRequestedBeforeTheOrdersFirstStepsRanOrdersNothingAndAnnouncesNoBackorder() {
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 1), line(table, 2));
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop"));

        execute(job(instance));
        jobs.completeBatches();
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_OrderCancelled");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(backorders.ofOrder(instance.getBusinessKey())).as("nothing backordered, nothing ordered").isEmpty();
        assertThat(types(instance)).doesNotContain("BACKORDERED", "PURCHASE_ORDERED");
        assertThat(notices(instance)).containsExactly("CANCELLED");
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
    }

    /**
     * A step after "Authorize payment" failed: it rolled back the record of the authorisation with it, while the
     * provider kept the hold, and a cancellation then found nothing to release. The save point after the
     * authorisation keeps it on the books.
     */
    @Test
    void anAuthorisationOutlivesAFailingNextStepAndACancellationReleasesIt() {
        String chair = catalog.product("100.00", 5);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 1));
        BpmnAwareTests.execute(job(instance));
        jdbc.sql("DELETE FROM stock WHERE sku = ?").param(chair).update();
        assertThatThrownBy(() -> BpmnAwareTests.execute(job(instance))).as("\"Reserve stock\" fails");

        cancel(instance);

        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        Payment payment = payments.find(instance.getBusinessKey()).orElseThrow();
        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.voided()).isEqualByComparingTo("100.00");
        assertThat(jdbc.sql("SELECT operation FROM sim_payment_ledger WHERE (reference = ? OR reference = ?) AND outcome = 'SUCCEEDED' ORDER BY created_at")
                .params(instance.getBusinessKey(), payment.authorizationId()).query(String.class).list())
                .containsExactly("AUTHORIZE", "VOID");
    }

    /** A free order holds nothing on the card, yet its cancelled order read AUTHORIZED for ever. */
    @Test
    void aCancelledFreeOrderReadsVoided() {
        String sample = catalog.product("0.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, line(sample, 1));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");

        cancel(instance);

        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.find(instance.getBusinessKey()).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(api.get(instance.getBusinessKey()).payment().status()).isEqualTo("VOIDED");
    }

    /**
     * An admin deleting a waiting order's process in Cockpit (which skips custom listeners) left the order
     * backordered with its card held for good, and a later cancel answered 202 and did nothing.
     */
    @Test
    void aWaitingOrdersProcessIsNotDeletedAndTheOrderCanStillBeCancelled() {
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, line(chair, 2), line(table, 1));
        execute(job(instance));

        assertThatThrownBy(() -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "tidying up", true))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("Order " + instance.getBusinessKey() + " is BACKORDERED")
                .hasMessageContaining("POST /api/orders/" + instance.getBusinessKey() + "/cancel");

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        cancel(instance);
        assertThat(instance).isEnded().hasPassed("Task_VoidAuthorizationOnCancel");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
    }

    @Test
    void cancelWhileBackorderedWithCompletePolicyReleasesTheReservationWithdrawsTheBackorderAndVoids() {
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, line(chair, 2), line(table, 1));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");

        cancel(instance);

        assertThat(instance).isEnded().hasPassed("Task_ReleaseStockReservation", "Task_WithdrawBackorder",
                "Task_VoidAuthorizationOnCancel", "Task_CancelOrder", "Task_NotifyCustomerCancelled");
        Order cancelled = order(instance);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.lines()).allSatisfy(line -> {
            assertThat(line.reserved()).isZero();
            assertThat(line.backordered()).isZero();
            assertThat(line.cancelled()).isEqualTo(line.quantity());
        });
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
        assertThat(stock.find(chair).orElseThrow().available()).isEqualTo(5);
        assertThat(backorders.ofOrder(cancelled.id())).extracting(b -> b.status()).containsOnly("CANCELLED");
        Payment payment = payments.find(cancelled.id()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("0");
        assertThat(payment.voided()).isEqualByComparingTo("600.00");
        assertThat(payment.refunded()).isEqualByComparingTo("0");
        assertThat(types(instance)).contains("RELEASED", "WITHDRAWN", "VOIDED", "CANCELLED").doesNotContain("REFUNDED");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'VOIDED'").param(cancelled.id())
                .query(String.class).single()).as("why the money was released").contains("\"reason\":\"the order was cancelled\"");
        assertThat(notices(instance)).contains("CANCELLED");
    }

    /**
     * A receipt locks the product's stock row, then the purchase order it books against. The
     * cancellation's compensation withdraws the backorder (its purchase order) and releases the
     * reservation (the order's stock rows): taken the other way round, the two deadlocked (seen in the
     * crash drill). The cancellation now waits for the stock row before it touches the purchase order.
     */
    @Test
    void cancellationWaitsForAReceiptsStockLockBeforeTakingThePurchaseOrder() throws Exception {
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, line(chair, 2), line(table, 1));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        String purchaseOrderId = jdbc.sql("""
                        SELECT d.purchase_order_id FROM purchase_order_demand d JOIN backorder b ON b.id = d.backorder_id
                        WHERE b.order_id = ? AND d.status = 'ACTIVE'""")
                .param(instance.getBusinessKey()).query(String.class).single();
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        Job undo = job(instance);

        ExecutorService jobThread = Executors.newSingleThreadExecutor();
        try (Connection receipt = dataSource.getConnection()) {
            receipt.setAutoCommit(false);
            run(receipt, "SET LOCAL lock_timeout = '10s'");
            run(receipt, "SELECT * FROM stock WHERE sku = ? FOR UPDATE", chair);
            Future<?> cancelling = jobThread.submit(() -> engine.getManagementService().executeJob(undo.getId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> locks.backendsWaitingForALock() == 1);

            // Before, the cancellation held the purchase order here and PostgreSQL broke the cycle.
            run(receipt, "SELECT * FROM purchase_order WHERE id = ? FOR UPDATE", purchaseOrderId);
            receipt.commit();
            cancelling.get(30, TimeUnit.SECONDS);
        } finally {
            jobThread.shutdownNow();
        }

        assertThat(instance).isEnded().hasPassed("Task_WithdrawBackorder", "Task_ReleaseStockReservation", "Task_CancelOrder");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(backorders.ofOrder(instance.getBusinessKey())).extracting(b -> b.status()).containsOnly("CANCELLED");
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
    }

    @Test
    void cancelRequestedWhileTheParcelWaitsForTheCarrierShipsNothingAndAnnouncesNoShipment() {
        String chair = catalog.product("100.00", 5);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 2));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");

        // The request is recorded before the carrier step runs; the process hears of it only afterwards.
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop"));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_CapturePayment");
        execute(job(instance));
        cancel(instance);

        assertThat(instance).isEnded().hasPassed("Task_NotifyCustomerShipped", "Task_CancelOrder");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(line(order(instance), chair).shipped()).isZero();
        assertThat(notices(instance)).contains("CANCELLED").doesNotContain("SHIPPED", "PARTIALLY_SHIPPED");
        assertThat(types(instance)).doesNotContain("SHIPPED", "CAPTURED");
        assertThat(payments.find(instance.getBusinessKey()).orElseThrow().captured()).isEqualByComparingTo("0");
        assertThat(stock.find(chair).orElseThrow().onHand()).isEqualTo(5);
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
    }

    @Test
    void cancelAfterPartialShipmentRefundsNothingButVoidsTheRest() {
        ChairsAndTable placed = twoChairsInStockAndABackorderedTableShippedPartially();
        String chair = placed.chair();
        String table = placed.table();
        ProcessInstance instance = placed.instance();
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);

        cancel(instance);

        Order cancelled = order(instance);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(line(cancelled, chair).shipped()).isEqualTo(2);
        assertThat(line(cancelled, table).cancelled()).isEqualTo(1);
        Payment payment = payments.find(cancelled.id()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("200.00");
        assertThat(payment.refunded()).isEqualByComparingTo("0");
        assertThat(payment.voided()).isEqualByComparingTo("400.00");
        assertThat(stock.find(chair).orElseThrow().onHand()).isEqualTo(3);
        assertThat(types(instance)).contains("VOIDED", "CANCELLED").doesNotContain("REFUNDED");
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'")
                .param(cancelled.id()).query(String.class).single())
                .contains("Already sent to you, for which we have charged €200.00:")
                .contains("We have released the €400.00 still reserved on your card.")
                .doesNotContain("refund");
    }

    /**
     * A cancellation's wake-up runs before the shipping steps' queue: a parcel that left the warehouse
     * just before it still had its "Capture payment" ahead, which the cancellation interrupts. The
     * goods are gone, so the money for them is captured, and only the rest is released.
     */
    @Test
    void cancelBetweenDispatchAndCaptureStillChargesTheParcelThatLeft() {
        ChairsAndTable placed = twoChairsInStockAndABackorderedTableShippedPartially();
        String chair = placed.chair();
        String table = placed.table();
        ProcessInstance instance = placed.instance();
        assertThat(instance).isWaitingAt("Task_CapturePayment");
        String orderId = instance.getBusinessKey();

        cancel(instance);

        assertThat(instance).isEnded().hasPassed("Task_VoidAuthorizationOnCancel", "Task_CancelOrder");
        assertThat(line(order(instance), chair).shipped()).isEqualTo(2);
        assertThat(line(order(instance), table).cancelled()).isEqualTo(1);
        Payment payment = payments.find(orderId).orElseThrow();
        assertThat(payment.captured()).as("the parcel that left is paid for").isEqualByComparingTo("200.00");
        assertThat(payment.voided()).as("only what did not ship is released").isEqualByComparingTo("400.00");
        assertThat(payment.refunded()).isEqualByComparingTo("0");
        assertThat(jdbc.sql("SELECT operation, amount FROM sim_payment_ledger WHERE idempotency_key IN (?, ?) ORDER BY operation")
                .params("capture:" + orderId + "-S1", "void:" + orderId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()).list())
                .containsExactly("CAPTURE 200", "VOID 400");
        assertThat(types(instance)).contains("SHIPPED", "CAPTURED", "VOIDED", "CANCELLED").doesNotContain("REFUNDED");
        // The parcel's own notice was overtaken: the cancellation notice says how to track it.
        String tracking = jdbc.sql("SELECT tracking_number FROM shipment WHERE order_id = ?").param(orderId).query(String.class).single();
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'").param(orderId)
                .query(String.class).single()).contains("Tracking number (", tracking);
    }

    @Test
    void cancelAfterFullShipmentIsRefused() {
        String chair = catalog.product("100.00", 5);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 1));
        execute(job(instance));
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isEnded();

        assertThatThrownBy(() -> orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop")))
                .isInstanceOf(ConflictException.class);
        assertThat(order(instance).status()).isEqualTo(OrderStatus.SHIPPED);
        // A step asking for the cancellation ("Request cancellation") joins it to its own transaction
        // and takes the refusal as an answer: that transaction must still commit.
        transaction.executeWithoutResult(status -> assertThatThrownBy(() -> orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop")))
                .isInstanceOf(ConflictException.class));
    }

    @Test
    void unitsACancelledOrderHeldGoToTheNextWaitingOrder() {
        String lamp = catalog.product("50.00", 2);
        String table = catalog.product("400.00", 0);
        ProcessInstance holding = place(ShipPolicy.COMPLETE, line(lamp, 2), line(table, 1));
        execute(job(holding));
        ProcessInstance waiting = place(ShipPolicy.COMPLETE, line(lamp, 2));
        execute(job(waiting));
        assertThat(waiting).isWaitingAt("Gateway_WaitForStock");

        cancel(holding);
        jobs.completeBatches();

        assertThat(waiting).isWaitingAt("Task_DispatchShipment");
        assertThat(order(waiting).lines().get(0).reserved()).isEqualTo(2);
        assertThat(stock.find(lamp).orElseThrow().reserved()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT reason FROM allocation WHERE order_id = ? AND released_by_order = ?")
                .params(waiting.getBusinessKey(), holding.getBusinessKey()).query(String.class).list()).hasSize(1);
    }

    @Test
    void refundRetriedAfterItsOutsideCallRefundsOnce() {
        String chair = catalog.product("100.00", 5);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 1));
        execute(job(instance));
        execute(job(instance));
        execute(job(instance));
        String orderId = instance.getBusinessKey();
        String authorization = payments.find(orderId).orElseThrow().authorizationId();

        // As if an earlier attempt reached the provider and crashed before committing.
        gateway.refund("refund:goodwill:" + orderId, authorization, new BigDecimal("30.00"));
        transaction.executeWithoutResult(s -> paymentService.refund(orderId, new BigDecimal("30.00"), "refund:goodwill:" + orderId));
        transaction.executeWithoutResult(s -> paymentService.refund(orderId, new BigDecimal("30.00"), "refund:goodwill:" + orderId));

        assertThat(payments.find(orderId).orElseThrow().refunded()).isEqualByComparingTo("30.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'REFUND' AND reference = ?")
                .param(authorization).query(Integer.class).single()).isEqualTo(1);
    }

    private void cancel(ProcessInstance instance) {
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(instance));
    }

    private static void run(Connection connection, String sql, String... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    /** Two chairs from stock and a table on backorder, shipped as available: its parcel has been dispatched. */
    private ChairsAndTable twoChairsInStockAndABackorderedTableShippedPartially() {
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, line(chair, 2), line(table, 1));
        execute(job(instance));
        execute(job(instance));
        return new ChairsAndTable(instance, chair, table);
    }

    private record ChairsAndTable(ProcessInstance instance, String chair, String table) {
    }

    private static PlaceOrderRequest.LineRequest line(String sku, int quantity) {
        return new PlaceOrderRequest.LineRequest(sku, quantity);
    }

    private ProcessInstance place(ShipPolicy policy, PlaceOrderRequest.LineRequest... lines) {
        String orderId = "X-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(lines), policy, null, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY)
                .processInstanceBusinessKey(orderId).singleResult();
    }

    private Order order(ProcessInstance instance) {
        return orderRepository.find(instance.getBusinessKey()).orElseThrow();
    }

    private static OrderLine line(Order order, String sku) {
        return order.lines().stream().filter(l -> l.sku().equals(sku)).findFirst().orElseThrow();
    }

    private List<String> types(ProcessInstance instance) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(instance.getBusinessKey())
                .query(String.class).list();
    }

    private List<String> notices(ProcessInstance instance) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTIFIED'")
                .param(instance.getBusinessKey()).query(String.class).list().stream()
                .map(data -> data.replaceAll(".*\"kind\":\"([A-Z_]+)\".*", "$1")).toList();
    }
}
