package com.orderflow.backorder;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.inventory.Availability;
import com.orderflow.inventory.AvailabilityController;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderController;
import com.orderflow.order.OrderView;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.shipping.ParcelSchedule;
import com.orderflow.shipping.ShippingSettings;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.LockRace;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Backordered orders in the order-fulfillment model, job by job, with receipts releasing them. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class BackorderProcessTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired BackorderRepository backorders;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired ReceiptService receipts;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired ShippingSettings shippingSettings;
    @Autowired OrderController orderApi;
    @Autowired ParcelSchedule parcelSchedule;
    @Autowired AvailabilityController availabilityApi;

    TestCatalog catalog;
    EngineJobs jobs;
    LockRace locks;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
        locks = new LockRace(transaction, jdbc);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void partialPolicyShipsWhatIsInStockNowAndTheRestWhenGoodsArrive() {
        String chair = catalog.product("100.00", 10);
        String table = catalog.product("500.00", 2);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(chair, 2), line(table, 5));

        execute(job(instance));

        assertThat(instance).hasPassed("Task_NotifyCustomerBackordered", "Task_CheckShippableStock", "Task_PickAndPack")
                .isWaitingAt("Task_DispatchShipment");
        Order waiting = order(instance);
        assertThat(waiting.status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(line(waiting, table).backordered()).isEqualTo(3);
        Backorder backorder = backorders.ofOrder(waiting.id()).get(0);
        assertThat(backorder.eta()).isEqualTo(T0.plus(TestCatalog.LEAD_TIME));
        assertThat(backorder.etaBasis()).isEqualTo(EtaBasis.LEAD_TIME);
        assertThat(notices(waiting.id())).containsExactly("BACKORDERED");

        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        Order partly = order(instance);
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(line(partly, chair).shipped()).isEqualTo(2);
        assertThat(line(partly, table).shipped()).isEqualTo(2);
        Payment afterFirst = payments.find(partly.id()).orElseThrow();
        assertThat(afterFirst.authorized()).isEqualByComparingTo("2700.00");
        assertThat(afterFirst.captured()).isEqualByComparingTo("1200.00");
        assertThat(notices(partly.id())).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED");

        receive(table, 3);
        jobs.completeBatches();

        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_OrderShipped");
        Order shipped = order(instance);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(line(shipped, table).shipped()).isEqualTo(5);
        assertThat(payments.find(shipped.id()).orElseThrow().captured()).isEqualByComparingTo("2700.00");
        assertThat(stock.find(table).orElseThrow().onHand()).isZero();
        assertThat(notices(shipped.id())).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "SHIPPED");
        assertThat(types(shipped.id())).containsSubsequence("BACKORDERED", "SHIPPED", "CAPTURED", "ALLOCATED",
                "SHIPPED", "CAPTURED");
    }

    @Test
    void aPartialParcelCollectsTheDeliveryBookedProductByProductAndTheLastAwaitedUnitLeavesAtOnce() {
        String vase = catalog.product("20.00", 1);
        String chair = catalog.product("100.00", 0);
        String table = catalog.product("500.00", 0);
        String lamp = catalog.product("40.00", 0);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(vase, 1), line(chair, 2), line(table, 1),
                line(lamp, 1));
        execute(job(instance));
        assertThat(instance).as("what was in stock when the order was placed leaves at once")
                .isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");

        Instant goodsIn = T0.plus(Duration.ofDays(4));
        ClockUtil.setCurrentTime(Date.from(goodsIn));
        receive(chair, 2);
        jobs.completeBatches();

        assertThat(instance).as("the chairs wait for the rest of the delivery").isWaitingAt("Gateway_AwaitDelivery");
        Job parcelClosed = job(instance);
        assertThat(parcelClosed.getDuedate()).isEqualTo(Date.from(goodsIn.plus(Duration.ofHours(1))));
        assertThat(parcels(instance)).isEqualTo(1);
        assertThat(orderApi.get(instance.getBusinessKey()).nextParcelAt()).as("the order tells when the parcel leaves")
                .isEqualTo(goodsIn.plus(Duration.ofHours(1)));

        ClockUtil.setCurrentTime(Date.from(goodsIn.plus(Duration.ofMinutes(40))));
        receive(table, 1);
        jobs.completeBatches();

        assertThat(instance).as("the lamp is still awaited").isWaitingAt("Gateway_AwaitDelivery");
        assertThat(job(instance).getDuedate()).as("the window counts from the delivery's first receipt")
                .isEqualTo(Date.from(goodsIn.plus(Duration.ofHours(1))));
        assertThat(parcels(instance)).isEqualTo(1);

        ClockUtil.setCurrentTime(Date.from(goodsIn.plus(Duration.ofHours(1))));
        execute(job(instance));
        assertThat(instance).hasPassed("Event_ParcelClosed").isWaitingAt("Task_DispatchShipment");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'PARCEL_COLLECTING'")
                .param(instance.getBusinessKey()).query(String.class).list()).as("once for the parcel, with its close")
                .singleElement().asString().contains(goodsIn.plus(Duration.ofHours(1)).toString());
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        Order partly = order(instance);
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(parcelLines(instance)).as("one parcel for the delivery").containsExactly(
                "1:" + vase + "x1", "2:" + chair + "x2", "2:" + table + "x1");
        assertThat(payments.find(partly.id()).orElseThrow().captured()).isEqualByComparingTo("720.00");
        assertThat(notices(partly.id())).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED");
        assertThat(orderApi.get(partly.id()).nextParcelAt()).isNull();

        ClockUtil.setCurrentTime(Date.from(goodsIn.plus(Duration.ofHours(2))));
        receive(lamp, 1);
        jobs.completeBatches();

        assertThat(instance).as("the order's last awaited unit does not wait for a window")
                .isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("EndEvent_OrderShipped");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(notices(partly.id())).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "PARTIALLY_SHIPPED",
                "SHIPPED");
    }

    @Test
    void aReceiptCompletingACollectingParcelShipsItAtOnceAndWithoutAWindowEachReceiptShipsAtOnce() {
        String chair = catalog.product("100.00", 0);
        String table = catalog.product("500.00", 0);
        ProcessInstance collecting = place(ShipPolicy.PARTIAL, 0, line(chair, 1), line(table, 1));
        execute(job(collecting));
        assertThat(collecting).isWaitingAt("Gateway_WaitForStock");

        receive(chair, 1);
        jobs.completeBatches();
        assertThat(collecting).isWaitingAt("Gateway_AwaitDelivery");
        receive(table, 1);
        jobs.completeBatches();

        assertThat(collecting).hasPassed("Event_MoreStockAllocated").isWaitingAt("Task_DispatchShipment");
        execute(job(collecting));
        execute(job(collecting));
        assertThat(collecting).isEnded();
        assertThat(notices(collecting.getBusinessKey())).containsExactly("BACKORDERED", "SHIPPED");

        Duration window = shippingSettings.getParcelCollection();
        shippingSettings.setParcelCollection(Duration.ZERO);
        try {
            ProcessInstance atOnce = place(ShipPolicy.PARTIAL, 0, line(chair, 1), line(table, 1));
            execute(job(atOnce));
            receive(chair, 1);
            jobs.completeBatches();

            assertThat(atOnce).hasNotPassed("Gateway_AwaitDelivery").isWaitingAt("Task_DispatchShipment");
        } finally {
            shippingSettings.setParcelCollection(window);
        }
    }

    /** Units only a drop-ship supplier can bring never come through goods-in: nothing can join the parcel. */
    @Test
    void aParcelDoesNotCollectForUnitsOnlyADropShipSupplierBrings() {
        String lamp = catalog.dropShipProduct("drop-" + UUID.randomUUID().toString().substring(0, 8), "40.00");
        String chair = catalog.product("100.00", 0);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(chair, 2), line(lamp, 1));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");

        receive(chair, 2);
        jobs.completeBatches();

        assertThat(instance).hasNotPassed("Gateway_AwaitDelivery").isWaitingAt("Task_DispatchShipment");
        assertThat(types(instance.getBusinessKey())).doesNotContain("PARCEL_COLLECTING");
    }

    @Test
    void aShorterParcelCollectionConfiguredLaterReachesTheParcelCollecting() {
        String chair = catalog.product("100.00", 0);
        String table = catalog.product("500.00", 0);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(chair, 1), line(table, 1));
        execute(job(instance));
        receive(chair, 1);
        jobs.completeBatches();
        assertThat(job(instance).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(1))));

        Duration window = shippingSettings.getParcelCollection();
        try {
            shippingSettings.setParcelCollection(Duration.ofHours(2));
            parcelSchedule.bringForward();
            assertThat(job(instance).getDuedate()).as("a longer window moves no parcel later")
                    .isEqualTo(Date.from(T0.plus(Duration.ofHours(1))));

            shippingSettings.setParcelCollection(Duration.ofMinutes(15));
            parcelSchedule.bringForward();
            assertThat(job(instance).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(15))));

            ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofMinutes(5))));
            shippingSettings.setParcelCollection(Duration.ZERO);
            parcelSchedule.bringForward();
            assertThat(job(instance).getDuedate()).as("no window: the parcel is due now")
                    .isEqualTo(Date.from(T0.plus(Duration.ofMinutes(5))));
            execute(job(instance));
            assertThat(instance).hasPassed("Event_ParcelClosed").isWaitingAt("Task_DispatchShipment");
        } finally {
            shippingSettings.setParcelCollection(window);
        }
    }

    /** Late in the UTC evening the shop's day (Berlin) is already the next: the API gave only the UTC instant. */
    @Test
    void theOrderAndTheProductGiveTheDayTheCustomerIsToldInTheShopsTimeZone() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T23:30:00Z")));
        String table = catalog.product("500.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, 0, line(table, 1));
        execute(job(instance));

        OrderView view = orderApi.get(instance.getBusinessKey());
        assertThat(view.eta()).isEqualTo(Instant.parse("2026-03-07T23:30:00Z"));
        assertThat(view.etaDay()).isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(view.lines().get(0).etaDay()).isEqualTo(LocalDate.of(2026, 3, 8));
        Availability availability = availabilityApi.availability(table);
        assertThat(availability.restockDate()).isEqualTo(Instant.parse("2026-03-07T23:30:00Z"));
        assertThat(availability.restockDay()).isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(notices(instance.getBusinessKey())).containsExactly("BACKORDERED");
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ?").param(instance.getBusinessKey())
                .query(String.class).single()).as("the day the e-mail names").contains("March 8, 2026");
    }

    @Test
    void completePolicyKeepsTheReservationAndShipsOnceEveryLineIsReserved() {
        String chair = catalog.product("100.00", 10);
        String table = catalog.product("500.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, 0, line(chair, 2), line(table, 1));

        execute(job(instance));

        assertThat(instance).isWaitingAt("Gateway_WaitForStock").hasNotPassed("Task_PickAndPack");
        Order waiting = order(instance);
        assertThat(waiting.status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(line(waiting, chair).reserved()).isEqualTo(2);
        assertThat(stock.find(chair).orElseThrow().reserved()).isEqualTo(2);
        assertThat(payments.find(waiting.id()).orElseThrow().captured()).isEqualByComparingTo("0");

        receive(table, 1);
        jobs.completeBatches();
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded();
        Order shipped = order(instance);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shipment WHERE order_id = ?").param(shipped.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(payments.find(shipped.id()).orElseThrow().captured()).isEqualByComparingTo("700.00");
        assertThat(stock.find(chair).orElseThrow().onHand()).isEqualTo(8);
    }

    @Test
    void receiptServesPriorityFirstThenOldestAndLeavesTheRestWaiting() {
        String lamp = catalog.product("40.00", 0);
        ProcessInstance first = placeAt(T0, lamp, 0);
        ProcessInstance second = placeAt(T0.plusSeconds(60), lamp, 0);
        ProcessInstance urgent = placeAt(T0.plusSeconds(120), lamp, 5);
        ProcessInstance last = placeAt(T0.plusSeconds(180), lamp, 0);
        for (ProcessInstance instance : List.of(first, second, urgent, last)) {
            execute(job(instance));
            assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        }

        Map<String, Object> receipt = receive(lamp, 5);
        jobs.completeBatches();

        assertThat(receipt).containsEntry("allocated", 5).containsEntry("to_stock", 0);
        List<Map<String, Object>> allocations = jdbc.sql(
                        "SELECT order_id, quantity, queue_position, reason FROM allocation WHERE receipt_id = ? ORDER BY queue_position")
                .param(receipt.get("id")).query().listOfRows();
        assertThat(allocations).extracting(a -> a.get("order_id"))
                .containsExactly(urgent.getBusinessKey(), first.getBusinessKey(), second.getBusinessKey());
        assertThat(allocations).extracting(a -> a.get("quantity")).containsExactly(2, 2, 1);
        assertThat((String) allocations.get(0).get("reason")).contains("Position 1 of 4").contains("priority 5");
        assertThat((String) allocations.get(1).get("reason")).contains("Position 2 of 4");

        assertThat(urgent).isWaitingAt("Task_DispatchShipment");
        assertThat(first).isWaitingAt("Task_DispatchShipment");
        assertThat(second).isWaitingAt("Gateway_WaitForStock");
        assertThat(last).isWaitingAt("Gateway_WaitForStock");
        Order partlyAllocated = order(second);
        assertThat(partlyAllocated.lines().get(0).reserved()).isEqualTo(1);
        assertThat(partlyAllocated.lines().get(0).backordered()).isEqualTo(1);
        assertThat(stock.find(lamp).orElseThrow().onHand()).isEqualTo(5);
        assertThat(stock.find(lamp).orElseThrow().reserved()).isEqualTo(5);
        assertThat(types(last.getBusinessKey())).doesNotContain("ALLOCATED");
    }

    @Test
    void receiptBeyondTheQueueGoesToFreeStock() {
        String lamp = catalog.product("40.00", 0);
        ProcessInstance waiting = placeAt(T0, lamp, 0);
        execute(job(waiting));

        Map<String, Object> receipt = receive(lamp, 7);
        jobs.completeBatches();

        assertThat(receipt).containsEntry("allocated", 2).containsEntry("to_stock", 5);
        assertThat(stock.find(lamp).orElseThrow().available()).isEqualTo(5);
        assertThat(waiting).isWaitingAt("Task_DispatchShipment");
    }

    @Test
    void wakeUpWithoutNewStockLetsTheOrderWaitAgain() {
        String lamp = catalog.product("40.00", 0);
        ProcessInstance instance = placeAt(T0, lamp, 0);
        execute(job(instance));

        wakeUp(instance);

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Task_CheckShippableStock").count()).isEqualTo(2);
        assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
    }

    @Test
    void wakeUpOfAnOrderBusyElsewhereIsHarmless() {
        String lamp = catalog.product("40.00", 1);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(lamp, 2));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");

        wakeUp(instance);

        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    /**
     * Found by reading the lock order (twelfth round's note): a receipt holds its product's stock row
     * while it allocates, and an order's dispatch holds the order's row and then takes the stock of
     * what it ships. A receipt allocating to that same order used to wait for the order's row (it
     * marked the order updated and wrote its ALLOCATED entry, whose foreign key checks the row), and
     * the two deadlocked when the dispatch reached the stock.
     */
    @Test
    void receiptAllocatingToAnOrderWhileItsFirstParcelIsDispatchedWaitsForNoLockTheDispatchHolds() throws Exception {
        String lamp = catalog.product("40.00", 1);
        ProcessInstance instance = place(ShipPolicy.PARTIAL, 0, line(lamp, 2));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        String orderId = instance.getBusinessKey();
        Instant receivedAt = T0.plus(Duration.ofHours(1));
        ClockUtil.setCurrentTime(Date.from(receivedAt));

        // As "Dispatch shipment" does: the order's row first, the product's stock when it commits.
        Map<String, Object> receipt = locks.whileThisTransactionHolds(() -> orderRepository.lock(orderId).orElseThrow(),
                () -> receive(lamp, 1), () -> stock.lock(List.of(lamp)));

        assertThat(receipt).containsEntry("allocated", 1);
        assertThat(order(instance).lastChangedAt()).isEqualTo(receivedAt);

        jobs.completeBatches();
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_OrderShipped");
        assertThat(line(order(instance), lamp).shipped()).isEqualTo(2);
        assertThat(stock.find(lamp).orElseThrow().onHand()).isZero();
        assertThat(stock.find(lamp).orElseThrow().reserved()).isZero();
    }

    /**
     * A receipt marks what it allocates on the order's lines, not its row; an order deciding whether
     * to wait locks its lines, so it waits for a receipt still writing them and then ships.
     */
    @Test
    void orderDecidingWhetherToWaitWaitsForAReceiptStillAllocatingToItAndShips() throws Exception {
        String lamp = catalog.product("40.00", 0);
        ProcessInstance instance = place(ShipPolicy.COMPLETE, 0, line(lamp, 2));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        engine.getRuntimeService().createMessageCorrelationAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED)
                .processInstanceIds(List.of(instance.getId())).correlateAllAsync();

        // The receipt has allocated and not committed when the wake-up's check runs.
        locks.whileThisTransactionHolds(() -> receive(lamp, 2), () -> {
            jobs.completeBatches();
            return null;
        }, () -> { });
        jobs.completeBatches();

        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        assertThat(line(order(instance), lamp).reserved()).isEqualTo(2);
        // Once when placed, once woken: the wake-up saw the receipt, and the receipt's own wake-up found it busy.
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Task_CheckShippableStock").count()).isEqualTo(2);
        assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
    }

    private void wakeUp(ProcessInstance instance) {
        engine.getRuntimeService().createMessageCorrelationAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED)
                .processInstanceIds(List.of(instance.getId())).correlateAllAsync();
        jobs.completeBatches();
    }

    private ProcessInstance placeAt(Instant at, String sku, int priority) {
        ClockUtil.setCurrentTime(Date.from(at));
        return place(ShipPolicy.COMPLETE, priority, line(sku, 2));
    }

    private Map<String, Object> receive(String sku, int quantity) {
        String id = receipts.receive(sku, quantity, null, ReceiptSource.RECEIPT, "warehouse").receiptId();
        return jdbc.sql("SELECT id, allocated, to_stock FROM goods_receipt WHERE id = ?").param(id).query().singleRow();
    }

    private static PlaceOrderRequest.LineRequest line(String sku, int quantity) {
        return new PlaceOrderRequest.LineRequest(sku, quantity);
    }

    private ProcessInstance place(ShipPolicy policy, int priority, PlaceOrderRequest.LineRequest... lines) {
        String orderId = "B-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(lines), policy, priority, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
    }

    private int parcels(ProcessInstance instance) {
        return jdbc.sql("SELECT COUNT(*) FROM shipment WHERE order_id = ?").param(instance.getBusinessKey())
                .query(Integer.class).single();
    }

    /** Each shipped line as parcel number, SKU and units. */
    private List<String> parcelLines(ProcessInstance instance) {
        return jdbc.sql("""
                        SELECT s.seq || ':' || l.sku || 'x' || l.quantity FROM shipment s
                        JOIN shipment_line l ON l.shipment_id = s.id
                        WHERE s.order_id = ? ORDER BY s.seq, l.line_no""")
                .param(instance.getBusinessKey()).query(String.class).list();
    }

    private Order order(ProcessInstance instance) {
        return orderRepository.find(instance.getBusinessKey()).orElseThrow();
    }

    private static OrderLine line(Order order, String sku) {
        return order.lines().stream().filter(l -> l.sku().equals(sku)).findFirst().orElseThrow();
    }

    private List<String> types(String orderId) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(orderId)
                .query(String.class).list();
    }

    private List<String> notices(String orderId) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTIFIED' ORDER BY at, id")
                .param(orderId).query(String.class).list().stream()
                .map(data -> data.replaceAll(".*\"kind\":\"([A-Z_]+)\".*", "$1")).toList();
    }

}
