package com.orderflow.replenishment;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.orderflow.api.ConflictException;
import com.orderflow.api.InvalidInputException;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.EtaBasis;
import com.orderflow.delay.DelaySettings;
import com.orderflow.escalation.OpsTaskFilters;
import com.orderflow.inventory.Availability;
import com.orderflow.inventory.AvailabilityController;
import com.orderflow.inventory.BackorderPolicy;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.notification.ShopTime;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.ReplenishmentProcess;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.LockRace;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** The replenishment model on the real engine, job by job, with the engine clock moved by hand. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class ReplenishmentProcessTest {

    static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired ShopTime shopTime;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired BackorderRepository backorders;
    @Autowired PurchaseOrderService purchaseOrders;
    @Autowired PurchaseOrderRepository purchaseOrderRepository;
    @Autowired ReceiptService receipts;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired PaymentRepository payments;
    @Autowired SimulatedSupplier simulatedSupplier;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired AvailabilityController availability;
    @Autowired PurchaseOrderClosing closing;
    @Autowired DelaySettings delaySettings;
    @Autowired ReplenishmentSettings replenishmentSettings;
    @Autowired PurchaseOrderSchedule purchaseOrderChecks;
    @Autowired SupplierController supplierApi;

    EngineJobs jobs;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        jobs = new EngineJobs(engine.getManagementService());
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        simulatedSupplier.setOutage(false);
    }

    /**
     * A merchant shortens a supplier's batching window while a batch collects: the batch closes at its opening plus
     * the new window (or at once when that has passed), and an order joining it is promised that date. It waited
     * out the old window, and every order joining it was promised the old date.
     */
    @Test
    void aShorterBatchingWindowReachesTheBatchCollecting() {
        String supplier = supplier(10, Duration.ofDays(3), false);
        String sku = product(supplier, 0);
        execute(job(place(sku, 2)));
        PurchaseOrder batch = purchaseOrdersOf(supplier).get(0);
        ProcessInstance replenishment = replenishmentOf(batch.id());
        Instant opened = batch.createdAt();
        assertThat(jobAt("Event_WindowClosed", replenishment).getDuedate().toInstant()).isEqualTo(opened.plus(Duration.ofDays(3)));

        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofHours(2))));
        supplierApi.put(supplier, new SupplierRequest("Supplier " + supplier, Duration.ofDays(5), null, Duration.ofDays(1), null));

        assertThat(purchaseOrders.find(batch.id()).windowClosesAt()).isEqualTo(opened.plus(Duration.ofDays(1)));
        assertThat(jobAt("Event_WindowClosed", replenishment).getDuedate().toInstant()).isEqualTo(opened.plus(Duration.ofDays(1)));
        ProcessInstance joining = place(sku, 1);
        execute(job(joining));
        assertThat(backorder(joining).eta()).as("promised by the new window")
                .isEqualTo(opened.plus(Duration.ofDays(1)).plus(Duration.ofDays(5)));

        supplierApi.put(supplier, new SupplierRequest("Supplier " + supplier, Duration.ofDays(5), null, Duration.ofDays(4), null));
        assertThat(purchaseOrders.find(batch.id()).windowClosesAt()).as("a longer window moves no open batch")
                .isEqualTo(opened.plus(Duration.ofDays(1)));
        supplierApi.put(supplier, new SupplierRequest("Supplier " + supplier, Duration.ofDays(5), null, Duration.ZERO, null));
        assertThat(jobAt("Event_WindowClosed", replenishment).getDuedate().toInstant()).as("passed: at once")
                .isEqualTo(T0.plus(Duration.ofHours(2)));
        execute(jobAt("Event_WindowClosed", replenishment));
        assertThat(replenishment).isWaitingAt("Task_PlacePurchaseOrder");
    }

    /** A lowered minimum left the batch waiting for more demand or its window, though its demand reached it. */
    @Test
    void aLowerMinimumPlacesTheBatchWhoseDemandNowReachesIt() {
        String supplier = supplier(10, Duration.ofDays(3), false);
        String sku = product(supplier, 0);
        execute(job(place(sku, 2)));
        execute(job(place(sku, 2)));
        PurchaseOrder batch = purchaseOrdersOf(supplier).get(0);
        ProcessInstance replenishment = replenishmentOf(batch.id());
        assertThat(replenishment).isWaitingAt("Gateway_CollectDemand");

        supplierApi.put(supplier, new SupplierRequest("Supplier " + supplier, Duration.ofDays(5), 5, null, null));
        assertThat(replenishment).as("4 units, short of 5").isWaitingAt("Gateway_CollectDemand");

        supplierApi.put(supplier, new SupplierRequest("Supplier " + supplier, Duration.ofDays(5), 4, null, null));
        assertThat(replenishment).hasPassed("Event_MinimumReached").isWaitingAt("Task_PlacePurchaseOrder");
        execute(job(replenishment));

        PurchaseOrder placed = purchaseOrders.find(batch.id());
        assertThat(placed.status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(placed.lines()).containsExactly(new PurchaseOrderLine(sku, 4, 0));
        assertThat(supplierLedger(supplier)).containsExactly(sku + "x4");
    }

    @Test
    void ordersUnderTheMinimumWithinTheWindowMakeOnePurchaseOrderToppedUpToTheMinimumWhenTheWindowCloses() {
        String supplier = supplier(10, Duration.ofDays(1), false);
        String sku = product(supplier, 0);
        for (int i = 0; i < 3; i++) {
            execute(job(place(sku, 2)));
        }

        List<PurchaseOrder> collecting = purchaseOrdersOf(supplier);
        assertThat(collecting).hasSize(1);
        PurchaseOrder batch = collecting.get(0);
        assertThat(batch.status()).isEqualTo(PurchaseOrderStatus.COLLECTING);
        assertThat(batch.lines()).containsExactly(new PurchaseOrderLine(sku, 6, 0));
        ProcessInstance replenishment = replenishmentOf(batch.id());
        assertThat(replenishment).isWaitingAt("Gateway_CollectDemand");
        // A batch still collecting is a plan: nothing is on its way from the supplier yet.
        assertThat(availability.availability(sku)).extracting(Availability::inbound, Availability::collecting)
                .containsExactly(0, 6);

        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(1)).plusSeconds(1)));
        execute(jobAt("Event_WindowClosed", replenishment));
        assertThat(replenishment).isWaitingAt("Task_PlacePurchaseOrder");
        execute(job(replenishment));

        PurchaseOrder placed = purchaseOrders.find(batch.id());
        assertThat(placed.status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(placed.lines()).containsExactly(new PurchaseOrderLine(sku, 10, 0));
        assertThat(availability.availability(sku)).extracting(Availability::inbound, Availability::collecting)
                .containsExactly(10, 0);
        assertThat(supplierLedger(supplier)).containsExactly(sku + "x10");
        assertThat(replenishment).isWaitingAt("Gateway_AwaitConfirmation");

        receipts.receive(sku, 10, batch.id(), ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();

        assertThat(purchaseOrders.find(batch.id()).status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(replenishment).isEnded().hasPassed("EndEvent_PurchaseOrderClosed");
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(10);
        assertThat(stock.find(sku).orElseThrow().reserved()).isEqualTo(6);
        assertThat(stock.find(sku).orElseThrow().available()).isEqualTo(4);
    }

    @Test
    void reachingTheMinimumEarlyPlacesThePurchaseOrderAtOnce() {
        String supplier = supplier(4, Duration.ofDays(7), false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 2);
        execute(job(first));
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        assertThat(replenishmentOf(batchId)).isWaitingAt("Gateway_CollectDemand");
        assertThat(etaTimer(first)).as("window and lead time").isEqualTo(T0.plus(Duration.ofDays(7 + 5)));

        ProcessInstance second = place(sku, 3);
        execute(job(second));

        // The order that completes the minimum was promised the window's end plus lead time, two days late.
        Instant leadTimeFromNow = T0.plus(Duration.ofDays(5));
        assertThat(backorder(second).eta()).isEqualTo(leadTimeFromNow);
        ProcessInstance replenishment = replenishmentOf(batchId);
        assertThat(replenishment).hasPassed("Event_MinimumReached").isWaitingAt("Task_PlacePurchaseOrder");
        execute(job(replenishment));
        jobs.completeBatches();
        assertThat(purchaseOrders.find(batchId).lines()).containsExactly(new PurchaseOrderLine(sku, 5, 0));
        assertThat(purchaseOrdersOf(supplier)).hasSize(1);
        // The first order's ETA came forward with the placement; its timer stayed on the old date.
        assertThat(backorder(first).eta()).isEqualTo(leadTimeFromNow);
        assertThat(etaTimer(first)).isEqualTo(leadTimeFromNow);
    }

    private Instant etaTimer(ProcessInstance order) {
        return engine.getManagementService().createJobQuery().processInstanceId(order.getId()).activityId("Event_EtaPassed")
                .singleResult().getDuedate().toInstant();
    }

    /**
     * One order's two lines reach the minimum together. The second line's "minimum reached" was sent in
     * the step that had just started the batch's process, whose wait was not yet visible to it: the
     * batch waited out its whole window, and the customer was promised window plus lead time.
     */
    @Test
    void oneOrderWhoseLinesReachTheMinimumTogetherPlacesThePurchaseOrderAtOnce() {
        String supplier = supplier(5, Duration.ofDays(7), false);
        String x = product(supplier, 0);
        String y = product(supplier, 0);
        execute(job(place(ShipPolicy.PARTIAL, new PlaceOrderRequest.LineRequest(x, 3), new PlaceOrderRequest.LineRequest(y, 2))));

        List<PurchaseOrder> batches = purchaseOrdersOf(supplier);
        assertThat(batches).hasSize(1);
        jobs.completeBatches();

        ProcessInstance replenishment = replenishmentOf(batches.get(0).id());
        assertThat(replenishment).hasPassed("Event_MinimumReached").isWaitingAt("Task_PlacePurchaseOrder");
        execute(job(replenishment));
        PurchaseOrder placed = purchaseOrders.find(batches.get(0).id());
        assertThat(placed.status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(placed.lines()).containsExactlyInAnyOrder(new PurchaseOrderLine(x, 3, 0), new PurchaseOrderLine(y, 2, 0));
    }

    @Test
    void confirmationAndDelayMoveTheEtaOfExactlyTheBackordersThePurchaseOrderCovers() {
        String nordic = supplier(1, Duration.ZERO, false);
        String other = supplier(1, Duration.ZERO, false);
        String chair = product(nordic, 0);
        String lamp = product(other, 0);
        ProcessInstance first = place(chair, 1);
        ProcessInstance second = place(chair, 2);
        ProcessInstance unrelated = place(lamp, 1);
        for (ProcessInstance order : List.of(first, second, unrelated)) {
            execute(job(order));
        }
        placeAll();
        String chairPo = purchaseOrdersOf(nordic).get(0).id();
        Instant lampEta = backorder(unrelated).eta();
        assertThat(backorder(first).eta()).isEqualTo(T0.plus(Duration.ofDays(5)));

        purchaseOrders.confirm(chairPo, Instant.parse("2026-05-12T00:00:00Z"));

        assertThat(backorder(first).eta()).isEqualTo(Instant.parse("2026-05-12T00:00:00Z"));
        assertThat(backorder(first).etaBasis()).isEqualTo(EtaBasis.PURCHASE_ORDER);
        assertThat(backorder(second).eta()).isEqualTo(Instant.parse("2026-05-12T00:00:00Z"));
        assertThat(backorder(unrelated).eta()).isEqualTo(lampEta);
        assertThat(replenishmentOf(chairPo)).isWaitingAt("Gateway_AwaitGoods");

        purchaseOrders.delay(chairPo, Instant.parse("2026-05-20T00:00:00Z"), "factory closed for a week");

        assertThat(backorder(first).eta()).isEqualTo(Instant.parse("2026-05-20T00:00:00Z"));
        assertThat(backorder(second).eta()).isEqualTo(Instant.parse("2026-05-20T00:00:00Z"));
        assertThat(backorder(unrelated).eta()).isEqualTo(lampEta);
        assertThat(etaChanges(first.getBusinessKey())).hasSize(2);
        assertThat(etaChanges(unrelated.getBusinessKey())).isEmpty();
        assertThat(etaChanges(first.getBusinessKey()).get(1)).contains("factory closed for a week");
        assertThat(purchaseOrders.find(chairPo).promisedEta()).isEqualTo(Instant.parse("2026-05-12T00:00:00Z"));
        assertThat(replenishmentOf(chairPo)).isWaitingAt("Gateway_AwaitGoods");
        jobs.completeBatches();
        assertThat(first).isWaitingAt("Gateway_WaitForStock");
    }

    @Test
    void purchaseOrderOfAsManyProductsAsAnOrderMayHoldGoesOutToTheSupplier() {
        // 200 lines of 64-character SKUs, none in stock: one purchase order, which the supplier's ledger
        // describes in about 14,000 characters (its column once held 4,000, and the placing step failed).
        String supplier = supplier(1, Duration.ZERO, false);
        List<PlaceOrderRequest.LineRequest> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(new PlaceOrderRequest.LineRequest(product(supplier, 0, TestCatalog.longestSku()), 100_000));
        }
        String orderId = "R-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                lines, ShipPolicy.PARTIAL, null, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        execute(job(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY)
                .processInstanceBusinessKey(orderId).singleResult()));
        String batchId = purchaseOrdersOf(supplier).get(0).id();

        execute(job(replenishmentOf(batchId)));

        assertThat(purchaseOrders.find(batchId).status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(purchaseOrders.find(batchId).lines()).hasSize(200);
        assertThat(supplierLedger(supplier)).singleElement().satisfies(described ->
                assertThat(described.split(",")).hasSize(200).allMatch(line -> line.matches("L-[0-9A-F]{8}-X{53}x100000")));
    }

    @Test
    void supplierOutageIsRetriedThenAnIncidentAndAfterItThePurchaseOrderGoesOutOnce() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 1);
        execute(job(order));
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        ProcessInstance replenishment = replenishmentOf(batchId);
        simulatedSupplier.setOutage(true);

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> execute(job(replenishment))).hasMessageContaining("unavailable");
        }

        Job failed = job(replenishment);
        assertThat(failed.getRetries()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(replenishment.getId()).count())
                .isEqualTo(1);
        assertThat(purchaseOrders.find(batchId).status()).isEqualTo(PurchaseOrderStatus.COLLECTING);
        // Support reading the waiting order see why its goods are not ordered yet.
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("\"purchaseOrderId\":\"" + batchId + "\"", "Task_PlacePurchaseOrder", "waits for ops");

        simulatedSupplier.setOutage(false);
        engine.getManagementService().setJobRetries(failed.getId(), 1);
        execute(job(replenishment));

        assertThat(purchaseOrders.find(batchId).status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(replenishment.getId()).count()).isZero();
        List<Integer> ledger = jdbc.sql("SELECT attempts FROM sim_supplier_ledger WHERE idempotency_key = ? AND supplier_reference IS NOT NULL")
                .param("purchase-order:" + batchId).query(Integer.class).list();
        assertThat(ledger).containsExactly(6);
    }

    @Test
    void unconfirmedPurchaseOrderAsksOpsToChaseTheSupplierUntilItIsConfirmed() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        execute(job(place(sku, 1)));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        ProcessInstance replenishment = replenishmentOf(batchId);

        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(2)).plusSeconds(1)));
        execute(jobAt("Event_ConfirmationOverdue", replenishment));

        assertThat(replenishment).isWaitingAt("Task_ChaseSupplier");
        assertThat(task(replenishment)).hasCandidateGroup("ops").hasName("Chase supplier");

        purchaseOrders.confirm(batchId, Instant.parse("2026-05-15T00:00:00Z"));

        assertThat(replenishment).hasPassed("Event_ConfirmedWhileChasing").isWaitingAt("Gateway_AwaitGoods");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(replenishment.getId()).count()).isZero();
    }

    /**
     * A merchant who restarts with a shorter {@code confirmation-timeout} or {@code receipt-grace} reaches purchase
     * orders already placed: their checks come forward to the new times, and none moves later.
     */
    @Test
    void shorterConfirmationTimeoutAndReceiptGraceConfiguredLaterReachPurchaseOrdersAlreadyPlaced() {
        String supplier = supplier(1, Duration.ZERO, false);
        execute(job(place(product(supplier, 0), 1)));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        ProcessInstance replenishment = replenishmentOf(batchId);
        Instant placedAt = jobAt("Event_ConfirmationOverdue", replenishment).getCreateTime().toInstant();
        assertThat(due("Event_ConfirmationOverdue", replenishment)).isEqualTo(placedAt.plus(Duration.ofDays(2)));
        Duration timeout = replenishmentSettings.confirmationTimeout();
        Duration grace = replenishmentSettings.getReceiptGrace();
        try {
            ClockUtil.setCurrentTime(Date.from(placedAt.plus(Duration.ofHours(1))));
            replenishmentSettings.setConfirmationTimeout(Duration.ofDays(1));
            purchaseOrderChecks.bringForward();
            assertThat(due("Event_ConfirmationOverdue", replenishment)).isEqualTo(placedAt.plus(Duration.ofDays(1)));
            assertThat(purchaseOrderChecks.bringForward()).as("the next start moves nothing").isZero();

            Instant eta = placedAt.plus(Duration.ofDays(5));
            purchaseOrders.confirm(batchId, eta);
            assertThat(due("Event_GoodsOverdue", replenishment)).isEqualTo(eta.plus(Duration.ofDays(1)));
            replenishmentSettings.setReceiptGrace(Duration.ofHours(6));
            purchaseOrderChecks.bringForward();
            assertThat(due("Event_GoodsOverdue", replenishment)).isEqualTo(eta.plus(Duration.ofHours(6)));

            replenishmentSettings.setReceiptGrace(Duration.ofDays(3));
            purchaseOrderChecks.bringForward();
            assertThat(due("Event_GoodsOverdue", replenishment)).as("never later").isEqualTo(eta.plus(Duration.ofHours(6)));
        } finally {
            replenishmentSettings.setConfirmationTimeout(timeout);
            replenishmentSettings.setReceiptGrace(grace);
        }
    }

    private Instant due(String timer, ProcessInstance replenishment) {
        return jobAt(timer, replenishment).getDuedate().toInstant();
    }

    /** Every ops task escalates when nobody claims it; "Chase supplier" lay unclaimed for ever. */
    @Test
    void anUnclaimedChaseIsOfferedToOpsLeadsWithAHigherPriority() {
        String supplier = supplier(1, Duration.ZERO, false);
        execute(job(place(product(supplier, 0), 1)));
        placeAll();
        ProcessInstance replenishment = replenishmentOf(purchaseOrdersOf(supplier).get(0).id());
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(2)).plusSeconds(1)));
        execute(jobAt("Event_ConfirmationOverdue", replenishment));
        Job unclaimed = jobAt("Event_ChaseTaskUnclaimed", replenishment);
        ClockUtil.setCurrentTime(Date.from(unclaimed.getDuedate().toInstant().plusSeconds(1)));

        engine.getManagementService().executeJob(unclaimed.getId());

        Task chase = task(replenishment);
        assertThat(chase).hasCandidateGroup("ops").hasCandidateGroup("ops-leads");
        assertThat(chase.getPriority()).isEqualTo(80);
        assertThat(chase.getDueDate().toInstant()).as("due a day after it was created")
                .isEqualTo(chase.getCreateTime().toInstant().plus(Duration.ofDays(1)));
        assertThat(replenishment).isWaitingAt("Task_ChaseSupplier");
    }

    /** Ops on the phone to a supplier had only the purchase order's id: supplier, lines and waiting orders were elsewhere. */
    @Test
    void theChaseTaskShowsTheSupplierTheLinesAndTheOrdersWaiting() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 2);
        execute(job(first));
        placeAll();
        String id = purchaseOrdersOf(supplier).get(0).id();
        ProcessInstance replenishment = replenishmentOf(id);
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(2)).plusSeconds(1)));

        execute(jobAt("Event_ConfirmationOverdue", replenishment));

        Task chase = task(replenishment);
        Map<String, Object> form = engine.getFormService().getTaskFormVariables(chase.getId());
        assertThat(form).containsEntry("purchaseOrderId", id).containsEntry("supplier", "Supplier " + supplier + " (" + supplier + ")");
        assertThat(form.get("orderedLines").toString()).isEqualTo("2 × Product " + sku + " (" + sku + ")");
        assertThat(form.get("waitingOrders").toString()).isEqualTo("1 order: " + first.getBusinessKey());
        assertThat(form.get("expectedBy").toString()).contains("(lead time)");
        assertThat(form.get("promisedBy").toString()).as("what to quote on the phone")
                .isEqualTo(shopTime.show(T0.plus(Duration.ofDays(5))) + " (their lead time from placement)");
        Filter opsTasks = engine.getFilterService().createFilterQuery().filterName(OpsTaskFilters.OPS_TASKS).singleResult();
        assertThat(engine.getFilterService().<Task>list(opsTasks.getId())).as("ops find it in Tasklist")
                .extracting(Task::getId).contains(chase.getId());
        assertThat(opsTasks.getProperties().get("variables").toString()).as("a column tells the chase tasks apart")
                .contains("purchaseOrderId");
        try (java.io.InputStream deployed = engine.getFormService().getDeployedTaskForm(chase.getId())) {
            assertThat(new String(deployed.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"id\": \"chaseSupplier\"").contains("\"key\": \"waitingOrders\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The supplier never confirmed but reported a later date: ops kept chasing a supplier that had answered. */
    @Test
    void aDelayReportedForAnUnconfirmedPurchaseOrderAnswersTheChase() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 1);
        execute(job(order));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        Instant leadTimeEta = purchaseOrders.find(batchId).eta();
        ProcessInstance replenishment = replenishmentOf(batchId);
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(2)).plusSeconds(1)));
        execute(jobAt("Event_ConfirmationOverdue", replenishment));
        assertThat(replenishment).isWaitingAt("Task_ChaseSupplier");

        Instant later = T0.plus(Duration.ofDays(12));
        purchaseOrders.delay(batchId, later, "factory closed");

        assertThat(replenishment).isWaitingAt("Gateway_AwaitGoods");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(replenishment.getId()).count()).isZero();
        PurchaseOrder answered = purchaseOrders.find(batchId);
        assertThat(answered.status()).isEqualTo(PurchaseOrderStatus.CONFIRMED);
        assertThat(answered.eta()).isEqualTo(later);
        assertThat(answered.promisedEta()).as("scored against the lead time's date").isEqualTo(leadTimeEta);
        assertThat(backorder(order).eta()).isEqualTo(later);
    }

    @Test
    void aConfirmationRepeatedWithTheSameDateChangesNothingOnTheOrder() {
        String supplier = supplier(1, Duration.ZERO, false);
        ProcessInstance order = place(product(supplier, 0), 1);
        execute(job(order));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();

        purchaseOrders.confirm(batchId, T0.plus(Duration.ofDays(3)));
        purchaseOrders.confirm(batchId, T0.plus(Duration.ofDays(3)));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isOne();
    }

    @Test
    void overdueGoodsRecordASupplierDelayAndMoveTheEta() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 1);
        execute(job(order));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        purchaseOrders.confirm(batchId, T0.plus(Duration.ofDays(3)));
        ProcessInstance replenishment = replenishmentOf(batchId);

        Instant overdueAt = T0.plus(Duration.ofDays(4)).plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(overdueAt));
        execute(jobAt("Event_GoodsOverdue", replenishment));

        assertThat(replenishment).hasPassed("Task_RecordSupplierDelay").isWaitingAt("Gateway_AwaitGoods");
        assertThat(backorder(order).eta()).isEqualTo(overdueAt.plus(Duration.ofDays(1)));
        assertThat(purchaseOrders.find(batchId).delayReason()).startsWith("overdue");
    }

    /**
     * The order had moved its passed date on by the overdue step (three days) when the purchase order's goods were
     * overdue a day later: that moved the order back to a day from then, and the shop's ETA went on, back and on.
     */
    @Test
    void overdueGoodsMoveNoOrderEarlierThanItHadMovedItsPassedDate() {
        String supplier = supplier(1, Duration.ZERO, false);
        ProcessInstance order = place(product(supplier, 0), 1);
        execute(job(order));
        placeAll();
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        purchaseOrders.confirm(batchId, T0.plus(Duration.ofDays(3)));
        ProcessInstance replenishment = replenishmentOf(batchId);
        Instant passedAt = T0.plus(Duration.ofDays(3)).plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(passedAt));
        execute(jobAt("Event_EtaPassed", order));
        Instant movedOn = backorder(order).eta();
        assertThat(movedOn).as("the overdue step").isEqualTo(passedAt.plus(Duration.ofDays(3)));

        Instant overdueAt = T0.plus(Duration.ofDays(4)).plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(overdueAt));
        execute(jobAt("Event_GoodsOverdue", replenishment));

        assertThat(purchaseOrders.find(batchId).eta()).as("the purchase order's own").isEqualTo(overdueAt.plus(Duration.ofDays(1)));
        assertThat(backorder(order).eta()).isEqualTo(movedOn);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED' AND data LIKE '%overdue:%'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isZero();
    }

    @Test
    void dropShipSupplierShipsStraightToTheCustomerAndPaymentIsCapturedThen() {
        String supplier = supplier(1, Duration.ZERO, true);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 2);
        execute(job(order));
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
        PurchaseOrder dropShip = purchaseOrdersOf(supplier).get(0);
        assertThat(dropShip.dropShip()).isTrue();
        ProcessInstance replenishment = replenishmentOf(dropShip.id());
        placeAll();
        assertThat(purchaseOrders.find(dropShip.id()).status()).isEqualTo(PurchaseOrderStatus.PLACED);

        purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-42", "warehouse");
        jobs.completeBatches();
        execute(job(order));
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isEqualByComparingTo("60.00");
        assertThat(jdbc.sql("SELECT tracking_number FROM shipment WHERE order_id = ? AND kind = 'DROP_SHIP'")
                .param(order.getBusinessKey()).query(String.class).list()).containsExactly("TRACK-42");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'SHIPPED'").param(order.getBusinessKey())
                .query(String.class).single()).as("whose report of the supplier's parcel it was charged on")
                .contains("\"reportedBy\":\"warehouse\"", "\"trackingNumber\":\"TRACK-42\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE reference = ?").param(order.getBusinessKey())
                .query(Integer.class).single()).isZero();
        assertThat(stock.find(sku).orElseThrow().onHand()).isZero();
        assertThat(replenishment).isEnded();

        // The supplier's system reports the same parcel again (it lost our answer): booked once, answered as before.
        assertThat(purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-42", "warehouse").status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shipment WHERE order_id = ?").param(order.getBusinessKey())
                .query(Integer.class).single()).isOne();
        assertThatThrownBy(() -> purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-43", "warehouse")).as("another parcel")
                .isInstanceOf(ConflictException.class);
    }

    /** Two lines of one order from one drop-ship supplier made two purchase orders: two supplier orders, two parcels. */
    @Test
    void oneOrdersLinesFromOneDropShipSupplierGoOutAsOnePurchaseOrder() {
        String supplier = supplier(1, Duration.ZERO, true);
        String x = product(supplier, 0);
        String y = product(supplier, 0);
        ProcessInstance order = place(ShipPolicy.COMPLETE, new PlaceOrderRequest.LineRequest(x, 1), new PlaceOrderRequest.LineRequest(y, 2));
        String orderId = order.getBusinessKey();
        execute(job(order));
        placeAll();

        List<PurchaseOrder> dropShips = purchaseOrdersOf(supplier);
        assertThat(dropShips).hasSize(1);
        assertThat(dropShips.get(0).lines()).containsExactlyInAnyOrder(new PurchaseOrderLine(x, 1, 0), new PurchaseOrderLine(y, 2, 0));
        assertThat(dropShips.get(0).status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(supplierLedger(supplier)).hasSize(1);

        purchaseOrders.dispatchDropShip(dropShips.get(0).id(), "TRACK-ONE", "warehouse");
        jobs.completeBatches();
        execute(job(order));
        execute(job(order));
        assertThat(orderRepository.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(payments.find(orderId).orElseThrow().captured()).isEqualByComparingTo("90.00");
    }

    /**
     * Two drop-ship suppliers both report their parcels before the order wakes: it charged the first and
     * ended as shipped, and the second parcel was never charged.
     */
    @Test
    void twoSuppliersParcelsReportedBeforeTheOrderWakesAreBothCharged() {
        String first = product(supplier(1, Duration.ZERO, true), 0);
        String second = product(supplier(1, Duration.ZERO, true), 0);
        ProcessInstance order = place(ShipPolicy.PARTIAL, new PlaceOrderRequest.LineRequest(first, 1),
                new PlaceOrderRequest.LineRequest(second, 2));
        String orderId = order.getBusinessKey();
        execute(job(order));
        placeAll();

        for (PurchaseOrder dropShip : purchaseOrderRepository.list(new PurchaseOrderFilter(Set.of(), null, null, null), 0, Integer.MAX_VALUE).purchaseOrders().stream()
                .filter(po -> orderId.equals(po.orderId())).toList()) {
            purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-" + dropShip.id(), "warehouse");
        }
        jobs.completeBatches();
        for (int step = 0; step < 10 && !engine.getManagementService().createJobQuery().processInstanceId(order.getId()).list().isEmpty(); step++) {
            execute(job(order));
        }

        assertThat(order).isEnded();
        assertThat(orderRepository.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(payments.find(orderId).orElseThrow().captured()).isEqualByComparingTo("90.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND idempotency_key LIKE ?")
                .param("capture:" + orderId + "-S%").query(Integer.class).single()).isEqualTo(2);
    }

    /**
     * The supplier reports a parcel for an order that was cancelled meanwhile: it was answered 200, the
     * purchase order closed as received, and nothing on the order said a parcel went out.
     */
    @Test
    void aDropShipDispatchForAnOrderCancelledMeanwhileIsRefusedRatherThanSilentlyBooked() {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        PurchaseOrder dropShip = placed.purchaseOrder();
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);

        assertThatThrownBy(() -> purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-LATE", "warehouse"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is CANCELLED").hasMessageContaining("TRACK-LATE");
        assertThat(purchaseOrders.find(dropShip.id()).status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shipment WHERE order_id = ?").param(order.getBusinessKey())
                .query(Integer.class).single()).isZero();
    }

    /** The supplier was never told: it shipped to a customer who had cancelled, at the merchant's cost. */
    @Test
    void aDropShipPurchaseOrderWhoseOrderWasCancelledIsCancelledWithTheSupplier() {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        PurchaseOrder dropShip = placed.purchaseOrder();
        ProcessInstance replenishment = replenishmentOf(dropShip.id());
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(replenishment).isWaitingAt("Task_CancelPurchaseOrder");
        execute(job(replenishment));

        assertThat(replenishment).isEnded().hasPassed("EndEvent_WithdrawnPurchaseOrderCancelled");
        assertThat(purchaseOrders.find(dropShip.id()).status()).isEqualTo(PurchaseOrderStatus.CANCELLED);
        String reference = purchaseOrders.find(dropShip.id()).supplierReference();
        assertThat(jdbc.sql("SELECT outcome || ' ' || supplier_reference FROM sim_supplier_ledger WHERE idempotency_key = ?")
                .param("cancel-purchase-order:" + dropShip.id()).query(String.class).single()).isEqualTo("CANCELLED " + reference);
        transaction.executeWithoutResult(s -> purchaseOrders.cancelWithSupplier(dropShip.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_supplier_ledger WHERE supplier_reference = ? AND outcome = 'CANCELLED'")
                .param(reference).query(Integer.class).single()).as("cancelled once").isEqualTo(1);
        assertThatThrownBy(() -> purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-LATE", "warehouse"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is CANCELLED");
    }

    /**
     * The supplier reports its parcel after the customer cancelled but before the cancellation ran: the
     * request, recorded first under the order's lock, wins, as against a warehouse dispatch. The parcel was
     * booked, charged, and the customer then told "cancelled" of an order delivered in full.
     */
    @Test
    void aDropShipParcelReportedAfterTheCancellationWasRequestedIsNotBooked() {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        PurchaseOrder dropShip = placed.purchaseOrder();
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.customer());

        assertThatThrownBy(() -> transaction.execute(s -> purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-RACE", "warehouse")))
                .isInstanceOf(ConflictException.class).hasMessageContaining(order.getBusinessKey())
                .hasMessageContaining("cancellation was requested").hasMessageContaining("TRACK-RACE");
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        Order cancelled = orderRepository.find(order.getBusinessKey()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.lines()).allSatisfy(line -> assertThat(line.shipped()).isZero());
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isZero();
        assertThat(purchaseOrders.find(dropShip.id()).status()).isNotEqualTo(PurchaseOrderStatus.RECEIVED);
    }

    /**
     * Ops cancel in Cockpit or through {@code /engine-rest} by correlating {@code CancelOrder} (no API call, so
     * nothing recorded the request): a parcel reported meanwhile was booked and charged, and the order ended
     * CANCELLED with everything shipped.
     */
    @Test
    void aDropShipParcelReportedAfterOpsCorrelatedCancelOrderIsNotBooked() {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        try {
            engine.getRuntimeService().createMessageCorrelation(OrderProcess.MESSAGE_CANCEL_ORDER)
                    .processInstanceId(order.getId()).correlate();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThatThrownBy(() -> transaction.execute(s -> purchaseOrders.dispatchDropShip(placed.purchaseOrder().id(), "TRACK-OPS", "warehouse")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("cancellation was requested");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'CANCEL_REQUESTED'")
                .param(order.getBusinessKey()).query(String.class).single()).contains("\"requestedBy\":\"OPS\"", "\"user\":\"admin\"");
        execute(job(order));
        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().lines())
                .allSatisfy(line -> assertThat(line.shipped()).isZero());
    }

    /**
     * Ops' {@code CancelOrder} reached an order whose every unit had left and whose charge was still to come: it
     * ended CANCELLED with everything delivered, and the customer got no shipment notice. The API refuses that.
     */
    @Test
    void opsCannotCancelThroughCancelOrderAnOrderThatShippedInFull() {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        purchaseOrders.dispatchDropShip(placed.purchaseOrder().id(), "TRACK-FULL", "warehouse");
        jobs.completeBatches();
        assertThat(order).as("still to charge and tell").isNotEnded();

        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        try {
            assertThatThrownBy(() -> engine.getRuntimeService().createMessageCorrelation(OrderProcess.MESSAGE_CANCEL_ORDER)
                    .processInstanceId(order.getId()).correlate())
                    .isInstanceOf(BadUserRequestException.class).hasMessageContaining("shipped in full");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        for (int step = 0; step < 5 && !engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                .executable().list().isEmpty(); step++) {
            execute(job(order));
        }

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'CANCEL_REQUESTED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isZero();
    }

    /** A warehouse purchase order stands when an order it was raised for is cancelled: its goods go to stock. */
    @Test
    void aPlacedWarehousePurchaseOrderStandsWhenItsOrderIsCancelled() {
        String supplier = supplier(1, Duration.ZERO, false);
        ProcessInstance order = place(product(supplier, 0), 2);
        execute(job(order));
        PurchaseOrder purchaseOrder = purchaseOrdersOf(supplier).get(0);
        placeAll();
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(replenishmentOf(purchaseOrder.id())).isNotNull().isNotWaitingAt("Task_CancelPurchaseOrder");
        assertThat(purchaseOrders.find(purchaseOrder.id()).status()).isEqualTo(PurchaseOrderStatus.PLACED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_supplier_ledger WHERE idempotency_key = ?")
                .param("cancel-purchase-order:" + purchaseOrder.id()).query(Integer.class).single()).isZero();
    }

    /**
     * A cancellation withdrawing its backorders holds the order's row and then takes the purchase
     * order; the drop-ship dispatch took the purchase order and then the order's row, and the two
     * deadlocked. The dispatch now takes the orders it covers first.
     */
    @Test
    void dropShipDispatchWaitsForAStepHoldingTheOrderBeforeTakingThePurchaseOrder() throws Exception {
        DropShipped placed = dropShippedOrderOfTwo();
        ProcessInstance order = placed.order();
        PurchaseOrder dropShip = placed.purchaseOrder();

        // As "Withdraw backorder" does: the order's row, then (withdrawing its demand) the purchase order.
        PurchaseOrder dispatched = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> orderRepository.lock(order.getBusinessKey()).orElseThrow(),
                () -> transaction.execute(s -> purchaseOrders.dispatchDropShip(dropShip.id(), "TRACK-7", "warehouse")),
                () -> purchaseOrderRepository.lock(dropShip.id()).orElseThrow());

        assertThat(dispatched.status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        jobs.completeBatches();
        execute(job(order));
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
    }

    /**
     * A receipt locks the product's stock, then its backorders in queue order, which need not be their id
     * order (priorities, orders placed in parallel). A supplier's confirmation moved its orders' ETAs in id
     * order without the stock lock: the two deadlocked, and the receipt answered 503.
     */
    @Test
    void aSuppliersConfirmationWaitsForAReceiptOfTheSameProductInsteadOfDeadlocking() throws Exception {
        String supplier = supplier(2, Duration.ofDays(1), false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 1);
        execute(job(first));
        ProcessInstance second = place(sku, 1);
        execute(job(second));
        placeAll();
        String purchaseOrder = purchaseOrdersOf(supplier).get(0).id();
        long earlier = backorders.ofOrder(first.getBusinessKey()).get(0).id();
        long later = backorders.ofOrder(second.getBusinessKey()).get(0).id();
        Instant eta = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3));

        PurchaseOrder confirmed = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> {
                    stock.lock(List.of(sku));
                    lockBackorder(later);
                },
                () -> transaction.execute(s -> purchaseOrders.confirm(purchaseOrder, eta)),
                () -> lockBackorder(earlier));

        assertThat(confirmed.eta()).isEqualTo(eta);
        assertThat(backorders.ofOrder(first.getBusinessKey()).get(0).eta()).isEqualTo(eta);
    }

    private void lockBackorder(long id) {
        jdbc.sql("SELECT id FROM backorder WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
    }

    @Test
    void etaLearnsFromTheSuppliersHistoryOfLateDeliveries() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        long[] latenessDays = {1, 2, 2, 3, 10};
        for (int i = 0; i < latenessDays.length; i++) {
            seedDelivery(supplier, T0.minus(Duration.ofDays(60 - i)), Duration.ofDays(latenessDays[i]));
        }

        ProcessInstance order = place(sku, 1);
        execute(job(order));

        Backorder backorder = backorder(order);
        assertThat(backorder.etaBasis()).isEqualTo(EtaBasis.LEARNED);
        assertThat(backorder.eta()).isEqualTo(T0.plus(Duration.ofDays(5)).plus(Duration.ofDays(2)));
    }

    /**
     * A supplier five days early on a five-day lead time: the customer was promised "today", a date that passed at
     * once and moved on by the overdue step, its e-mail already written.
     */
    @Test
    void anEarlySuppliersHistoryPromisesItsLeadTimeNotItsEarliness() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        for (int i = 0; i < 3; i++) {
            seedDelivery(supplier, T0.minus(Duration.ofDays(60 - i)), Duration.ofDays(-5));
        }

        ProcessInstance order = place(sku, 1);
        execute(job(order));

        Backorder backorder = backorder(order);
        assertThat(backorder.etaBasis()).isEqualTo(EtaBasis.LEARNED);
        assertThat(backorder.eta()).isEqualTo(T0.plus(Duration.ofDays(5)));
    }

    /**
     * Goods go to the queue, not to the purchase order they were booked on. A receipt on the second
     * purchase order filled the first order (covered by the first purchase order): the second order was
     * left linked to a received purchase order, with its stale ETA and nothing ever ordered for it, while
     * the first purchase order's units were promised again to the next new order.
     */
    @Test
    void anOrderWhoseGoodsWentAheadInTheQueueTakesOverTheOtherPurchaseOrder() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 2);
        execute(job(first));
        placeAll();
        String firstPurchaseOrder = purchaseOrderCovering(first);
        purchaseOrders.confirm(firstPurchaseOrder, T0.plus(Duration.ofDays(15)));
        ProcessInstance second = place(sku, 2);
        execute(job(second));
        placeAll();
        String secondPurchaseOrder = purchaseOrderCovering(second);
        assertThat(secondPurchaseOrder).isNotEqualTo(firstPurchaseOrder);

        receipts.receive(sku, 2, secondPurchaseOrder, ReceiptSource.RECEIPT, "warehouse");

        assertThat(backorder(first).status()).as("first in the queue").isEqualTo("FILLED");
        assertThat(purchaseOrderCovering(second)).isEqualTo(firstPurchaseOrder);
        assertThat(backorder(second).eta()).isEqualTo(T0.plus(Duration.ofDays(15)));
        assertThat(backorder(second).etaBasis()).isEqualTo(EtaBasis.PURCHASE_ORDER);
        assertThat(etaChanges(second.getBusinessKey())).singleElement().asString().contains(firstPurchaseOrder)
                .contains("ahead in the queue");
        assertThat(availability.availability(sku).inbound()).as("the first purchase order's units").isEqualTo(2);

        ProcessInstance third = place(sku, 2);
        execute(job(third));
        assertThat(purchaseOrderCovering(third)).as("the first purchase order's units are the second order's")
                .isNotIn(firstPurchaseOrder, secondPurchaseOrder);
    }

    /**
     * An unconfirmed purchase order is not chased for its goods, so its ETA stays where it passed: a new
     * order was promised that past date (e-mailed "expected today") and moved three days on a moment later.
     */
    @Test
    void aPurchaseOrderWhoseEtaPassedPromisesTheOverdueStepNotAPastDate() {
        String supplier = supplier(5, Duration.ZERO, false);
        String sku = product(supplier, 0);
        execute(job(place(sku, 1)));
        String batch = purchaseOrdersOf(supplier).get(0).id();
        execute(jobAt("Event_WindowClosed", replenishmentOf(batch)));
        placeAll();
        PurchaseOrder purchaseOrder = purchaseOrders.find(batch);
        assertThat(purchaseOrder.lines()).as("topped up to the minimum").containsExactly(new PurchaseOrderLine(sku, 5, 0));
        assertThat(purchaseOrder.eta()).isEqualTo(T0.plus(Duration.ofDays(5)));
        Instant later = T0.plus(Duration.ofDays(6));
        ClockUtil.setCurrentTime(Date.from(later));

        ProcessInstance next = place(sku, 1);
        execute(job(next));

        assertThat(purchaseOrderCovering(next)).as("its spare units").isEqualTo(purchaseOrder.id());
        Instant overdueStep = later.plus(delaySettings.getOverdueStep());
        assertThat(backorder(next).eta()).isEqualTo(overdueStep);
        assertThat(availability.availability(sku).restockDate()).isEqualTo(overdueStep);
    }

    /**
     * The shop's restock date counted a whole batching window even when one more unit reaches the supplier's
     * minimum, which places the purchase order at once: the order was then promised days earlier.
     */
    @Test
    void theRestockDateIsWhatAnOrderPlacedNowIsPromised() {
        String batching = supplier(10, Duration.ofDays(1), false);
        String sku = product(batching, 0);
        assertThat(availability.availability(sku).restockDate()).as("window, then lead time")
                .isEqualTo(T0.plus(Duration.ofDays(6)));
        execute(job(place(sku, 9)));

        Instant restock = availability.availability(sku).restockDate();
        ProcessInstance tenth = place(sku, 1);
        execute(job(tenth));

        assertThat(restock).as("the tenth unit reaches the minimum").isEqualTo(T0.plus(Duration.ofDays(5)));
        assertThat(backorder(tenth).eta()).isEqualTo(restock);
        String single = supplier(1, Duration.ofDays(1), false);
        assertThat(availability.availability(product(single, 0)).restockDate()).as("one unit is the minimum")
                .isEqualTo(T0.plus(Duration.ofDays(5)));
    }

    private String purchaseOrderCovering(ProcessInstance order) {
        return jdbc.sql("SELECT purchase_order_id FROM purchase_order_demand WHERE order_id = ? AND status = 'ACTIVE'")
                .param(order.getBusinessKey()).query(String.class).single();
    }

    /**
     * Lateness was measured against the purchase order's ETA, which is our own learned estimate: a
     * supplier two days late every time, delivering on the learned date, scored as punctual, and the
     * learning undid itself. It is measured against the supplier's own promise (lead time from placement).
     */
    @Test
    void aDeliveryOnTheLearnedDateStillCountsAsLateAsTheSupplierWas() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        for (int i = 0; i < 5; i++) {
            seedDelivery(supplier, T0.minus(Duration.ofDays(60 - i)), Duration.ofDays(2));
        }
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 1);
        assertThat(purchaseOrder.eta()).as("lead time 5 days, learned lateness 2").isEqualTo(T0.plus(Duration.ofDays(7)));

        daysOn(7);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        assertThat(latenessOf(purchaseOrder.id())).isEqualTo(Duration.ofDays(2));
    }

    /**
     * A supplier two days late by habit, asked for five days, reported a delay of one: later than its promise,
     * sooner than we expected. It was refused and the purchaser told to confirm the date instead, which became the
     * promise the supplier was then scored by, on time.
     */
    @Test
    void aDelayBeforeConfirmationIsJudgedAgainstTheSuppliersPromiseNotOurEstimate() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        for (int i = 0; i < 5; i++) {
            seedDelivery(supplier, T0.minus(Duration.ofDays(60 - i)), Duration.ofDays(2));
        }
        ProcessInstance order = place(sku, 1);
        execute(job(order));
        placeAll();
        PurchaseOrder purchaseOrder = purchaseOrders.find(purchaseOrderCovering(order));
        assertThat(purchaseOrder.eta()).as("learned").isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThatThrownBy(() -> purchaseOrders.delay(purchaseOrder.id(), T0.plus(Duration.ofDays(5)), "same day"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lead time promised");

        purchaseOrders.delay(purchaseOrder.id(), T0.plus(Duration.ofDays(6)), "truck late");

        PurchaseOrder delayed = purchaseOrders.find(purchaseOrder.id());
        assertThat(delayed.eta()).isEqualTo(T0.plus(Duration.ofDays(6)));
        assertThat(delayed.etaBasis()).isEqualTo("PURCHASE_ORDER");
        assertThat(delayed.promisedEta()).as("its promise stays the lead time's").isEqualTo(T0.plus(Duration.ofDays(5)));
        assertThat(backorder(order).eta()).isEqualTo(T0.plus(Duration.ofDays(6)));
    }

    /** A supplier that never confirms but keeps moving its date looked punctual: its last delay was the yardstick. */
    @Test
    void aSupplierThatReportedADelayIsScoredAgainstWhatItFirstPromised() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 1);
        daysOn(6);
        purchaseOrders.delay(purchaseOrder.id(), T0.plus(Duration.ofDays(9)), "truck broke down");
        assertThat(purchaseOrders.find(purchaseOrder.id()).etaBasis()).as("the supplier's own date now, as its orders say")
                .isEqualTo("PURCHASE_ORDER");

        daysOn(8);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        assertThat(latenessOf(purchaseOrder.id())).as("due after the 5 days' lead time").isEqualTo(Duration.ofDays(3));
    }

    /**
     * A delay on an unconfirmed purchase order confirms it; its promise became the purchase order's ETA, our
     * learned estimate, so a supplier two days late every time scored as punctual once it reported delays.
     */
    @Test
    void aDelayOnAPurchaseOrderWithALearnedEtaIsScoredAgainstTheLeadTime() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        for (int i = 0; i < 5; i++) {
            seedDelivery(supplier, T0.minus(Duration.ofDays(60 - i)), Duration.ofDays(2));
        }
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 1);
        assertThat(purchaseOrder.etaBasis()).isEqualTo("LEARNED");
        daysOn(6);
        purchaseOrders.delay(purchaseOrder.id(), T0.plus(Duration.ofDays(9)), "truck broke down");

        daysOn(9);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        assertThat(latenessOf(purchaseOrder.id())).as("due after the 5 days' lead time").isEqualTo(Duration.ofDays(4));
    }

    /** A merchant who lengthened a slow supplier's lead time had its deliveries already on order scored as early. */
    @Test
    void aLeadTimeChangedWhileThePurchaseOrderIsOnItsWayDoesNotRescoreIt() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 1);
        transaction.executeWithoutResult(s -> suppliers.save(new Supplier(supplier, "Supplier " + supplier,
                Duration.ofDays(10), 1, Duration.ZERO, false)));

        daysOn(8);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        assertThat(latenessOf(purchaseOrder.id())).as("late against the 5 days it was ordered with").isEqualTo(Duration.ofDays(3));
    }

    /**
     * The supplier's lead time went from five days to twenty while the order's purchase order waited to be placed:
     * placed, the order's ETA moved fifteen days, and its customer heard of it only when the old date came.
     */
    @Test
    void aLeadTimeLengthenedBeforePlacementIsAnnouncedAtPlacement() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 1);
        execute(job(order));
        Instant promised = backorder(order).eta();
        transaction.executeWithoutResult(s -> suppliers.save(new Supplier(supplier, "Supplier " + supplier,
                Duration.ofDays(20), 1, Duration.ZERO, false)));

        placeAll();
        jobs.completeBatches();

        assertThat(backorder(order).eta()).isEqualTo(promised.plus(Duration.ofDays(15)));
        assertThat(etaTimer(order)).as("woken: its timer at the new date").isEqualTo(promised.plus(Duration.ofDays(15)));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE order_id = ? AND kind = 'DELAYED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).as("told now, not on the old date").isOne();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'PURCHASE_ORDERED'")
                .param(order.getBusinessKey()).query(String.class).single()).as("from what")
                .contains("\"previousEta\":\"" + promised + "\"");
    }

    /** An order of {@code quantity} units backordered, and the purchase order placed for it. */
    private PurchaseOrder placedForAnOrderOf(String supplier, String sku, int quantity) {
        execute(job(place(sku, quantity)));
        placeAll();
        return purchaseOrdersOf(supplier).stream().filter(po -> po.status() == PurchaseOrderStatus.PLACED)
                .findFirst().orElseThrow();
    }

    /**
     * One of three units came a day early and the purchaser closed the order when the supplier said the rest would
     * never come: scored by that first part, the supplier was learned as early.
     */
    @Test
    void aPurchaseOrderClosedShortCountsAsDeliveredWhenItWasClosed() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 3);
        daysOn(4);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");
        assertThat(latenessOf(purchaseOrder.id())).isEqualTo(Duration.ofDays(-1));

        daysOn(9);
        closing.close(purchaseOrder.id(), "the rest is discontinued");

        assertThat(latenessOf(purchaseOrder.id())).as("against the lead time's five days").isEqualTo(Duration.ofDays(4));
    }

    /**
     * A supplier that delivered nothing left no history at all, and was never learned as late; closed before its
     * date (the supplier said early it cannot deliver), a purchase order that brought nothing is nothing to learn
     * from: it was scored on time, dated days ahead, and pulled the median.
     */
    @Test
    void aPurchaseOrderClosedWithNothingReceivedCountsAsLateAsItsCloseAndNotAtAllBeforeItsPromise() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder noShow = placedForAnOrderOf(supplier, sku, 1);
        daysOn(12);
        closing.close(noShow.id(), "never came");
        assertThat(latenessOf(noShow.id())).isEqualTo(Duration.ofDays(7));

        PurchaseOrder cancelledEarly = placedForAnOrderOf(supplier, sku, 1);
        closing.close(cancelledEarly.id(), "supplier cannot supply it");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM supplier_delivery WHERE purchase_order_id = ?").param(cancelledEarly.id())
                .query(Integer.class).single()).isZero();
    }

    /**
     * Goods-in booked a day-early unit without its purchase order and the next, a day late, on it; the first was
     * booked on the purchase order two days later. The supplier is scored by its parts as they came: the late one.
     */
    @Test
    void aReceiptBookedOnItsPurchaseOrderAfterwardsCountsWhenTheGoodsCame() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 3);
        daysOn(4);
        String unnamed = receipts.receive(sku, 1, null, ReceiptSource.RECEIPT, "warehouse").receiptId();
        daysOn(6);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        daysOn(8);
        receipts.bookOnPurchaseOrder(unnamed, purchaseOrder.id());

        assertThat(purchaseOrders.find(purchaseOrder.id()).lines().get(0).received()).isEqualTo(2);
        assertThat(latenessOf(purchaseOrder.id())).as("its last part so far, not the booking").isEqualTo(Duration.ofDays(1));
    }

    /** One unit sent early and the other nine weeks late was learned as an early delivery. */
    @Test
    void aDeliveryIsAsLateAsItsLastPart() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        PurchaseOrder purchaseOrder = placedForAnOrderOf(supplier, sku, 10);
        purchaseOrders.confirm(purchaseOrder.id(), T0.plus(Duration.ofDays(5)));

        daysOn(1);
        receipts.receive(sku, 1, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");
        assertThat(latenessOf(purchaseOrder.id())).isEqualTo(Duration.ofDays(-4));
        daysOn(40);
        receipts.receive(sku, 9, purchaseOrder.id(), ReceiptSource.RECEIPT, "warehouse");

        assertThat(latenessOf(purchaseOrder.id())).isEqualTo(Duration.ofDays(35));
    }

    private Duration latenessOf(String purchaseOrderId) {
        return Duration.ofSeconds(jdbc.sql("SELECT lateness_seconds FROM supplier_delivery WHERE purchase_order_id = ?")
                .param(purchaseOrderId).query(Long.class).single());
    }

    @Test
    void cancelledBackorderWithdrawsItsDemandFromACollectingBatch() {
        String supplier = supplier(10, Duration.ofDays(1), false);
        String sku = product(supplier, 0);
        ProcessInstance kept = place(sku, 2);
        ProcessInstance withdrawn = place(sku, 3);
        execute(job(kept));
        execute(job(withdrawn));
        String batchId = purchaseOrdersOf(supplier).get(0).id();

        transaction.executeWithoutResult(s -> purchaseOrders.withdraw(backorder(withdrawn).id()));

        assertThat(purchaseOrders.find(batchId).lines()).containsExactly(new PurchaseOrderLine(sku, 2, 0));
    }

    /**
     * Goods from elsewhere fill a backorder whose demand sits in a batch still collecting: the batch needs that much
     * less. It kept the demand, reached the supplier's minimum early with the next order and was placed for units
     * nobody waited for any more, which then went to stock.
     */
    @Test
    void aBackorderFilledByOtherGoodsTakesItsDemandOffTheCollectingBatch() {
        String supplier = supplier(5, Duration.ofDays(2), false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 3);
        execute(job(first));
        String batchId = purchaseOrdersOf(supplier).get(0).id();

        receipts.receive(sku, 2, null, ReceiptSource.RECEIPT, "warehouse");
        assertThat(purchaseOrders.find(batchId).lines()).as("one of three units still missing")
                .containsExactly(new PurchaseOrderLine(sku, 1, 0));
        receipts.receive(sku, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        assertThat(purchaseOrders.find(batchId).lines()).containsExactly(new PurchaseOrderLine(sku, 0, 0));

        ProcessInstance next = place(sku, 4);
        execute(job(next));

        PurchaseOrder batch = purchaseOrders.find(batchId);
        assertThat(batch.status()).as("4 waiting, under the minimum of 5").isEqualTo(PurchaseOrderStatus.COLLECTING);
        assertThat(batch.lines()).containsExactly(new PurchaseOrderLine(sku, 4, 0));
        assertThat(replenishmentOf(batchId)).isWaitingAt("Gateway_CollectDemand");
    }

    /**
     * A placed purchase order's backorder is partly filled by goods from elsewhere: the units it no longer needs
     * are inbound and nobody's. The next order was sent to the supplier again for units already on their way.
     */
    @Test
    void unitsAPlacedPurchaseOrderNoLongerOwesItsBackorderArePromisedToTheNextOrder() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance first = place(sku, 5);
        execute(job(first));
        placeAll();
        String placed = purchaseOrderCovering(first);

        receipts.receive(sku, 3, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        assertThat(backorder(first).openQuantity()).isEqualTo(2);

        ProcessInstance next = place(sku, 2);
        execute(job(next));

        assertThat(purchaseOrderCovering(next)).as("3 of its 5 units are nobody's").isEqualTo(placed);
        assertThat(purchaseOrdersOf(supplier)).hasSize(1);
        assertThat(backorder(next).eta()).isEqualTo(purchaseOrders.find(placed).eta());
    }

    /**
     * The supplier delivered 3 of 5 and will send no more: the purchase order stayed open for ever, its missing
     * units counted as inbound and promised to the waiting order, whose ETA then slipped by overdue steps.
     */
    @Test
    void aPurchaseOrderClosedShortPlansItsWaitingOrderAgain() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        ProcessInstance order = place(sku, 5);
        execute(job(order));
        placeAll();
        String shortDelivered = purchaseOrderCovering(order);
        receipts.receive(sku, 3, shortDelivered, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        ProcessInstance replenishment = replenishmentOf(shortDelivered);

        closing.close(shortDelivered, "supplier discontinued the item");
        jobs.completeBatches();
        placeAll();

        PurchaseOrder closed = purchaseOrders.find(shortDelivered);
        assertThat(closed.status()).isEqualTo(PurchaseOrderStatus.CLOSED);
        assertThat(closed.delayReason()).isEqualTo("supplier discontinued the item");
        assertThat(replenishment).isEnded();
        String replacement = purchaseOrderCovering(order);
        assertThat(replacement).isNotEqualTo(shortDelivered);
        assertThat(purchaseOrders.find(replacement).lines()).containsExactly(new PurchaseOrderLine(sku, 2, 0));
        assertThat(availability.availability(sku).inbound()).as("the replacement's units only").isEqualTo(2);
        assertThat(etaChanges(order.getBusinessKey())).last().asString().contains("closed before all its goods came");
        assertThatThrownBy(() -> closing.close(shortDelivered, "again")).isInstanceOf(ConflictException.class);
    }

    /** A product whose demand was all taken off the batch went to the supplier as a line of 0 units. */
    @Test
    void aProductWhoseDemandLeftTheBatchIsNotOrdered() {
        String supplier = supplier(10, Duration.ofDays(1), false);
        String kept = product(supplier, 0);
        String withdrawn = product(supplier, 0);
        execute(job(place(kept, 2)));
        ProcessInstance cancelled = place(withdrawn, 3);
        execute(job(cancelled));
        String batchId = purchaseOrdersOf(supplier).get(0).id();
        transaction.executeWithoutResult(s -> purchaseOrders.withdraw(backorder(cancelled).id()));

        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(1)).plusSeconds(1)));
        ProcessInstance replenishment = replenishmentOf(batchId);
        execute(jobAt("Event_WindowClosed", replenishment));
        execute(job(replenishment));

        assertThat(purchaseOrders.find(batchId).lines()).containsExactly(new PurchaseOrderLine(kept, 10, 0));
        assertThat(supplierLedger(supplier)).singleElement().asString().contains(kept).doesNotContain(withdrawn);
    }

    @Test
    void partialReceiptKeepsThePurchaseOrderOpenForTheRest() {
        String supplier = supplier(1, Duration.ZERO, false);
        String sku = product(supplier, 0);
        execute(job(place(sku, 5)));
        placeAll();
        String id = purchaseOrdersOf(supplier).get(0).id();
        ProcessInstance replenishment = replenishmentOf(id);

        receipts.receive(sku, 2, id, ReceiptSource.RECEIPT, "warehouse");

        PurchaseOrder open = purchaseOrders.find(id);
        assertThat(open.status()).isEqualTo(PurchaseOrderStatus.CONFIRMED);
        assertThat(open.lines()).containsExactly(new PurchaseOrderLine(sku, 5, 2));
        assertThat(replenishment).isWaitingAt("Gateway_AwaitGoods");

        receipts.receive(sku, 3, id, ReceiptSource.RECEIPT, "warehouse");

        assertThat(purchaseOrders.find(id).status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(replenishment).isEnded();
    }

    /** Moves the clock to {@code days} after {@link #T0}. */
    private static void daysOn(int days) {
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(days))));
    }

    private void placeAll() {
        for (Job job : engine.getManagementService().createJobQuery().activityId("Task_PlacePurchaseOrder").list()) {
            engine.getManagementService().executeJob(job.getId());
        }
    }

    private Job jobAt(String activityId, ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    private void seedDelivery(String supplier, Instant promised, Duration lateness) {
        String id = "PO-HIST-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO purchase_order (id, supplier_id, status, window_closes_at, created_at) VALUES (?, ?, 'RECEIVED', ?, ?)")
                .params(id, supplier, promised.atOffset(ZoneOffset.UTC), promised.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                        INSERT INTO supplier_delivery (purchase_order_id, supplier_id, promised_eta, received_at, lateness_seconds)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(id, supplier, promised.atOffset(ZoneOffset.UTC), promised.plus(lateness).atOffset(ZoneOffset.UTC),
                        lateness.toSeconds()).update();
    }

    private String supplier(int minimum, Duration window, boolean dropShip) {
        String id = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        transaction.executeWithoutResult(s -> suppliers.save(new Supplier(id, "Supplier " + id, Duration.ofDays(5),
                minimum, window, dropShip)));
        return id;
    }

    private String product(String supplier, int onHand) {
        return product(supplier, onHand, "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT));
    }

    private String product(String supplier, int onHand, String sku) {
        transaction.executeWithoutResult(s -> {
            products.save(new Product(sku, "Product " + sku, new BigDecimal("30.00"), "EUR", supplier, BackorderPolicy.ALLOW));
            stock.setOnHand(sku, onHand);
        });
        return sku;
    }

    /** An order of two units from a new drop-ship supplier, its purchase order placed with the supplier. */
    private DropShipped dropShippedOrderOfTwo() {
        String supplier = supplier(1, Duration.ZERO, true);
        ProcessInstance order = place(product(supplier, 0), 2);
        execute(job(order));
        PurchaseOrder dropShip = purchaseOrdersOf(supplier).get(0);
        placeAll();
        return new DropShipped(order, dropShip);
    }

    private record DropShipped(ProcessInstance order, PurchaseOrder purchaseOrder) {
    }

    private ProcessInstance place(String sku, int quantity) {
        return place(ShipPolicy.PARTIAL, new PlaceOrderRequest.LineRequest(sku, quantity));
    }

    private ProcessInstance place(ShipPolicy policy, PlaceOrderRequest.LineRequest... lines) {
        String orderId = "R-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(lines), policy, null, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY)
                .processInstanceBusinessKey(orderId).singleResult();
    }

    private List<PurchaseOrder> purchaseOrdersOf(String supplier) {
        return purchaseOrderRepository.list(new PurchaseOrderFilter(Set.of(), supplier, null, null), 0, Integer.MAX_VALUE).purchaseOrders();
    }

    private ProcessInstance replenishmentOf(String purchaseOrderId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReplenishmentProcess.KEY)
                .processInstanceBusinessKey(purchaseOrderId).singleResult();
    }

    private Backorder backorder(ProcessInstance order) {
        return backorders.ofOrder(order.getBusinessKey()).get(0);
    }

    private List<String> etaChanges(String orderId) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED' ORDER BY id")
                .param(orderId).query(String.class).list();
    }

    private List<String> supplierLedger(String supplier) {
        return jdbc.sql("SELECT lines FROM sim_supplier_ledger WHERE supplier_id = ?").param(supplier)
                .query(String.class).list();
    }

}
