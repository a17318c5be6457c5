package com.orderflow.order;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.inventory.BackorderPolicy;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentGateway;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.payment.PaymentStatus;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.shipping.Carrier;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order-fulfillment model on the real engine and database, with the job executor off:
 * each save point is a job the test executes, so every wait state is asserted.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("test")
class OrderFulfillmentProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired Carrier carrier;
    @Autowired PaymentGateway gateway;
    @Autowired OrderController api;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        init(engine);
        catalog = new TestCatalog(suppliers, products, stock, transaction);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void inStockOrderIsAuthorizedShippedCapturedAndAnnounced(CapturedOutput log) {
        String sku = catalog.product("25.00", 10);
        ProcessInstance instance = place(sku, 4, "tok_visa");

        assertThat(instance).isWaitingAt("Task_AuthorizePayment");
        execute(job(instance));
        assertThat(instance).hasPassed("Task_ReserveStock", "Task_PickAndPack").isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_CapturePayment");
        execute(job(instance));

        // Shipped in full at dispatch, so the order ends without checking its stock again.
        assertThat(instance).isEnded().hasPassed("Task_NotifyCustomerShipped", "Gateway_ShippedInFull", "EndEvent_OrderShipped")
                .hasNotPassed("Task_RejectOrder", "Task_NotifyCustomerBackordered", "Task_CheckShippableStock");
        Order order = orderRepository.find(instance.getBusinessKey()).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.lines().get(0).shipped()).isEqualTo(4);
        Payment payment = payments.find(order.id()).orElseThrow();
        assertThat(payment.authorized()).isEqualByComparingTo("100.00");
        assertThat(payment.captured()).isEqualByComparingTo("100.00");
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(6);
        assertThat(stock.find(sku).orElseThrow().reserved()).isZero();
        // No SMTP server here: the log is where someone trying the service finds the notice (README).
        assertThat(log.getOut()).contains("Notice SHIPPED for order " + order.id() + " kept in the outbox, not e-mailed");
    }

    /** A free order that has shipped in full read payment status AUTHORIZED for ever. */
    @Test
    void aFreeOrderShippedInFullIsSettled() {
        String sku = catalog.product("0.00", 10);
        ProcessInstance instance = place(sku, 2, "tok_visa");

        execute(job(instance));
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded();
        Payment payment = payments.find(instance.getBusinessKey()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("0.00");
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void declinedPaymentRejectsTheOrderWithTheReason() {
        String sku = catalog.product("25.00", 10);
        ProcessInstance instance = place(sku, 1, "tok_declined");

        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Event_PaymentDeclined", "Task_RejectOrder", "EndEvent_OrderRejected")
                .hasNotPassed("Task_ReserveStock");
        Order order = orderRepository.find(instance.getBusinessKey()).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectReason()).isEqualTo("PAYMENT_DECLINED");
        assertThat(timelineTypes(order.id())).contains("REJECTED").doesNotContain("AUTHORIZED", "RESERVED");
        assertThat(stock.find(sku).orElseThrow().reserved()).isZero();
        assertThat(instance).hasPassed("Task_NotifyCustomerRejected");
        assertThat(noticeText(order.id(), "REJECTED")).contains("Your card was declined")
                .contains("You have not been charged");
        assertThat(jdbc.sql("SELECT kind || ' ' || amount || ' ' || currency FROM payment_operation WHERE order_id = ?")
                .param(order.id()).query(String.class).list())
                .as("the accountant's ledger has the decline, not only the provider's").containsExactly("AUTHORIZE_DECLINED 25.00 EUR");
    }

    @Test
    void orderWhoseProductIsNowPricedInAnotherCurrencyIsRejectedBeforeAnyPayment() {
        String sku = catalog.product("25.00", 10);
        ProcessInstance valid = place(sku, 1, "tok_visa");
        assertThat(valid).isWaitingAt("Task_AuthorizePayment");
        // The product is re-priced in dollars; an order placed in euros can no longer be fulfilled as placed.
        Product euros = products.find(sku).orElseThrow();
        products.save(new Product(sku, euros.name(), euros.price(), "USD", euros.supplierId(), euros.backorderPolicy()));
        String orderId = "T-" + UUID.randomUUID();
        orderRepository.insert(new Order(orderId, OrderStatus.ACCEPTED, new Customer("Ada", "ada@example.com", "en"),
                ShipPolicy.PARTIAL, 0, "tok_visa", "EUR", new BigDecimal("25.00"), "hash", null, null, null,
                List.of(new OrderLine(1, sku, 1, new BigDecimal("25.00"), 0, 0, 0, 0, null, false)), null, null, null));

        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(OrderProcess.KEY, orderId,
                Map.of(OrderProcess.VAR_ORDER_ID, orderId));

        assertThat(instance).isEnded().hasPassed("Event_OrderInvalid", "Task_RejectOrder", "EndEvent_OrderRejected")
                .hasNotPassed("Task_AuthorizePayment");
        Order order = orderRepository.find(orderId).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectReason()).isEqualTo("INVALID_ORDER");
        assertThat(api.timeline(orderId)).filteredOn(entry -> entry.type() == TimelineType.REJECTED).singleElement()
                .satisfies(rejected -> assertThat(rejected.details().get("detail")).asString().contains("another currency"));
        assertThat(payments.find(orderId)).isEmpty();
        assertThat(api.get(orderId).payment().status()).as("no payment is to come").isEqualTo("NONE");
    }

    @Test
    void flakyPaymentIsRetriedByTheEngineAndAuthorizedOnce(CapturedOutput log) {
        String sku = catalog.product("10.00", 10);
        ProcessInstance instance = place(sku, 2, "tok_flaky");

        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("payment provider unavailable");
        Job afterFirstFailure = job(instance);
        assertThat(afterFirstFailure.getRetries()).isEqualTo(4);
        assertThat(afterFirstFailure.getDuedate()).isNotNull();
        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("payment provider unavailable");
        assertThat(job(instance).getRetries()).isEqualTo(3);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

        execute(job(instance));

        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        assertThat(payments.find(instance.getBusinessKey()).orElseThrow().authorized()).isEqualByComparingTo("20.00");
        List<Integer> ledger = jdbc.sql("SELECT attempts FROM sim_payment_ledger WHERE reference = ? AND operation = 'AUTHORIZE'")
                .param(instance.getBusinessKey()).query(Integer.class).list();
        assertThat(ledger).containsExactly(3);
        // A retry that then succeeds is no alarm for ops who are woken by ERROR lines.
        assertThat(log.getOut()).doesNotContain("ENGINE-16004").doesNotContain("Incident:");
    }

    @Test
    void aStepOutOfRetriesIsOneErrorLineNamingTheOrderTheStepAndTheCause(CapturedOutput log) {
        String sku = catalog.product("10.00", 10);
        ProcessInstance instance = place(sku, 1, "tok_flaky");
        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("payment provider unavailable");
        // The retry cycle set the retries at the first failure; ops or a long outage used up the rest.
        engine.getManagementService().setJobRetries(job(instance).getId(), 1);

        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("payment provider unavailable");

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
        assertThat(log.getOut().lines().filter(line -> line.contains(" ERROR ")).toList()).singleElement().asString()
                .contains("Incident", "Task_AuthorizePayment", instance.getBusinessKey(), "payment provider unavailable");
        // The shop polling the order sees it waits for ops, not an order a moment old.
        assertThat(api.timeline(instance.getBusinessKey())).filteredOn(entry -> entry.type() == TimelineType.ESCALATED)
                .singleElement().satisfies(escalated -> assertThat(escalated.details())
                        .containsEntry("to", "ops").containsEntry("step", "Task_AuthorizePayment"));
    }

    /**
     * A cancellation whose undoing of a step failed (the payment provider down as the authorisation was released, a
     * stock row gone here) logged only the engine's "Error while handling compensation event EventSubscriptionEntity[...]".
     */
    @Test
    void aFailedUndoingOfACancelledOrdersStepIsAnErrorLineNamingItsOwnCause(CapturedOutput log) {
        String sku = catalog.product("10.00", 10);
        ProcessInstance instance = place(sku, 1, "tok_visa");
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.api("shop"));
        new EngineJobs(engine.getManagementService()).completeBatches();
        jdbc.sql("DELETE FROM stock WHERE sku = ?").param(sku).update();
        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("compensation");
        // The retry cycle set the retries at the first failure; ops or a long outage used up the rest.
        engine.getManagementService().setJobRetries(job(instance).getId(), 1);

        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("compensation");

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
        assertThat(log.getOut().lines().filter(line -> line.contains(" ERROR ") && line.contains("Incident")).toList())
                .singleElement().asString()
                .contains(instance.getBusinessKey(), "undoing the cancelled order's steps failed", sku)
                .doesNotContain("EventSubscriptionEntity");
    }

    /** A job of no process out of retries (set to 0 in Cockpit, say) wrote "Incident: null of process null ...: null". */
    @Test
    void aJobOfNoProcessOutOfRetriesIsAnErrorLineNamingTheJob(CapturedOutput log) {
        String cleanup = engine.getHistoryService().cleanUpHistoryAsync(true).getId();
        engine.getManagementService().suspendJobById(cleanup);
        try {
            engine.getManagementService().setJobRetries(cleanup, 0);

            assertThat(log.getOut().lines().filter(line -> line.contains(" ERROR ")).toList()).singleElement().asString()
                    .contains("Incident: job " + cleanup, "no process", "retries were set to 0").doesNotContain("null");
        } finally {
            engine.getManagementService().setJobRetries(cleanup, 3);
            engine.getManagementService().activateJobById(cleanup);
        }
    }

    @Test
    void shortProductThatDeniesBackordersRejectsTheOrderAndVoidsItsAuthorization() {
        String vase = catalog.product("30.00", 2, BackorderPolicy.DENY);
        String chair = catalog.product("10.00", 5);
        ProcessInstance instance = place(List.of(line(chair, 1), line(vase, 3)), ShipPolicy.PARTIAL, "tok_visa");

        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_VoidAuthorization");
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_RejectOrder").hasNotPassed("Task_PickAndPack");
        Order order = orderRepository.find(instance.getBusinessKey()).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectReason()).isEqualTo("BACKORDER_NOT_ALLOWED");
        Payment payment = payments.find(order.id()).orElseThrow();
        assertThat(payment.voided()).isEqualByComparingTo("100.00");
        assertThat(payment.captured()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(stock.find(vase).orElseThrow().reserved()).isZero();
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
        assertThat(order.lines()).allSatisfy(line -> assertThat(line.backordered() + line.reserved()).isZero());
        assertThat(timelineTypes(order.id())).containsSubsequence("ACCEPTED", "AUTHORIZED", "VOIDED", "REJECTED")
                .doesNotContain("BACKORDERED");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'VOIDED'").param(order.id())
                .query(String.class).single()).as("why the money was released").contains("\"reason\":\"the order was rejected\"");
        // Which line failed, for the shop (the order's lines), ops (the timeline) and the customer (the notice).
        assertThat(api.get(order.id()).lines()).extracting(OrderView.Line::sku, OrderView.Line::refused)
                .containsExactly(tuple(chair, false), tuple(vase, true));
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'REJECTED'").param(order.id())
                .query(String.class).single()).contains(vase + ": 3 ordered, 2 available, takes no backorders")
                .doesNotContain(chair);
        assertThat(noticeText(order.id(), "REJECTED")).contains("we cannot order more of them for you:\n  3 × "
                + products.find(vase).orElseThrow().name() + "\n").doesNotContain(products.find(chair).orElseThrow().name());
    }

    private String noticeText(String orderId, String kind) {
        return jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = ?").params(orderId, kind)
                .query(String.class).single();
    }

    @Test
    void stepRetriedAfterItsOutsideCallShipsAndChargesOnce() {
        String sku = catalog.product("12.50", 5);
        ProcessInstance instance = place(sku, 2, "tok_visa");
        execute(job(instance));
        String orderId = instance.getBusinessKey();
        String shipmentId = (String) engine.getRuntimeService().getVariable(instance.getId(), OrderProcess.VAR_SHIPMENT_ID);
        String authorizationId = payments.find(orderId).orElseThrow().authorizationId();

        // As if earlier attempts of both steps reached the carrier and the provider and then
        // crashed before committing: the retried steps send the same idempotency keys.
        String trackingNumber = carrier.dispatch("dispatch:" + shipmentId, orderId, List.of());
        String captureReference = gateway.capture("capture:" + shipmentId, authorizationId, new BigDecimal("25.00"));
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded();
        assertThat(jdbc.sql("SELECT tracking_number FROM shipment WHERE id = ?").param(shipmentId)
                .query(String.class).single()).isEqualTo(trackingNumber);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE reference = ?").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT gateway_reference FROM payment_operation WHERE idempotency_key = ?")
                .param("capture:" + shipmentId).query(String.class).single()).isEqualTo(captureReference);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND reference = ?")
                .param(authorizationId).query(Integer.class).single()).isEqualTo(1);
        assertThat(payments.find(orderId).orElseThrow().captured()).isEqualByComparingTo("25.00");
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(3);
    }

    @Test
    void nightlyHistoryCleanupRemovesAClosedOrdersHistoryAfterItsTimeToLiveButNothingOfAWaitingOrder() {
        HistoryService history = engine.getHistoryService();
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(cleanup -> assertThat(
                LocalTime.ofInstant(cleanup.getDuedate().toInstant(), ZoneId.systemDefault()))
                .isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0)));
        String inStock = catalog.product("25.00", 10);
        ProcessInstance shipped = place(inStock, 1, "tok_visa");
        execute(job(shipped));
        execute(job(shipped));
        execute(job(shipped));
        assertThat(shipped).isEnded();
        ProcessInstance waiting = place(catalog.product("25.00", 0), 1, "tok_visa");
        execute(job(waiting));
        assertThat(waiting).isWaitingAt("Gateway_WaitForStock");
        Integer timeToLive = engine.getRepositoryService().getProcessDefinition(shipped.getProcessDefinitionId())
                .getHistoryTimeToLive();

        // The waiting order has waited the whole time to live as well: it started before the shipped order ended.
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(timeToLive + 1))));
        engine.getManagementService().executeJob(history.cleanUpHistoryAsync(true).getId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(shipped.getId()).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(shipped.getId()).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(waiting.getId()).list())
                .extracting(HistoricActivityInstance::getActivityId)
                .contains("Task_AuthorizePayment", "Task_ReserveStock", "Task_BackorderMissingStock", "Gateway_WaitForStock");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(waiting.getId()).count()).isPositive();
        // The order itself is the merchant's record, not engine history: it stays, with its timeline.
        assertThat(orderRepository.find(shipped.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(timelineTypes(shipped.getBusinessKey())).contains("ACCEPTED", "NOTIFIED");
    }

    private ProcessInstance place(String sku, int quantity, String token) {
        return place(List.of(line(sku, quantity)), ShipPolicy.PARTIAL, token);
    }

    private static PlaceOrderRequest.LineRequest line(String sku, int quantity) {
        return new PlaceOrderRequest.LineRequest(sku, quantity);
    }

    private ProcessInstance place(List<PlaceOrderRequest.LineRequest> lines, ShipPolicy policy, String token) {
        String orderId = "T-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                lines, policy, null, new PlaceOrderRequest.PaymentRequest(token)));
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
    }

    private List<String> timelineTypes(String orderId) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(orderId)
                .query(String.class).list();
    }
}
