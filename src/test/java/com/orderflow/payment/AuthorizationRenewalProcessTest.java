package com.orderflow.payment;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.api.ConflictException;
import com.orderflow.escalation.OpsTaskFilters;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.notification.CustomerEmailChange;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.Order;
import com.orderflow.order.OrderController;
import com.orderflow.order.OrderSummary;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.OrderView;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.privacy.CustomerDataErasure;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.PurchaseOrderService;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A backordered order's payment authorisation is renewed a day before its seven days lapse, for
 * what is still open; a refused renewal holds the order and goes to ops, who authorise again or cancel.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class AuthorizationRenewalProcessTest {

    static final Instant T0 = Instant.parse("2026-09-07T08:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired PaymentRepository payments;
    @Autowired ReceiptService receipts;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired AuthorizationRenewals renewals;
    @Autowired OrderController orderApi;
    @Autowired PaymentSettings paymentSettings;
    @Autowired RenewalSchedule schedule;
    @Autowired PurchaseOrderService purchaseOrders;
    @Autowired PaymentService paymentService;
    @Autowired CustomerDataErasure erasure;
    @Autowired CustomerEmailChange emailChange;

    TestCatalog catalog;
    EngineJobs jobs;
    String chair;
    String table;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
        chair = catalog.product("100.00", 5);
        table = catalog.product("400.00", 0);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /**
     * An in-stock order whose dispatch waited out a carrier outage longer than its authorisation lives: the provider
     * refused the capture, which stayed an incident whatever ops retried, and the order read SHIPPED with nothing
     * charged, nothing owed and its customer never told the parcel had left.
     */
    @Test
    void aParcelWhoseCaptureTheProviderRefusesIsLeftUnpaidForOpsAndTheCustomerIsToldItLeft() {
        ProcessInstance order = place("tok_expiring", ShipPolicy.PARTIAL, chair);
        assertThat(order).isWaitingAt("Task_DispatchShipment");
        execute(job(order));
        assertThat(order).isWaitingAt("Task_CapturePayment");
        Instant lapsed = paymentService.authorizationLapsesAt(order.getBusinessKey()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(lapsed.plus(Duration.ofHours(1))));

        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("status", "captured", "lapsed", "unpaid")
                .as("nothing held any more: the books read no money still authorised")
                .containsExactly("LAPSED", new BigDecimal("0.00"), new BigDecimal("200.00"), new BigDecimal("200.00"));
        assertThat(jdbc.sql("SELECT kind || ' ' || amount FROM payment_operation WHERE order_id = ? AND kind <> 'AUTHORIZE'")
                .param(order.getBusinessKey()).query(String.class).list())
                .containsExactlyInAnyOrder("CAPTURE_DECLINED 200.00", "LEFT_UNPAID 200.00");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("the payment provider refused to charge parcel", "collect it from the customer");
        assertThat(unpaidOrders()).as("ops' list of parcels to collect").contains(order.getBusinessKey());
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'SHIPPED'")
                .param(order.getBusinessKey()).query(String.class).single()).as("the customer hears the parcel left")
                .contains("Your card could not be charged for this parcel (€200.00)").doesNotContain("We have charged");
    }

    /**
     * As above, for an order cancelled while its parcel's capture waited past the authorisation's life (its renewal
     * waited behind the same outage): the refused capture and then the refused release were each an incident, and
     * the cancellation never finished.
     */
    @Test
    void anOrderCancelledWhileItsParcelsCaptureWaitedPastItsAuthorisationEndsCancelledWithTheParcelLeftUnpaid() {
        ProcessInstance order = parcelCaptureWaitingPastTheAuthorisation();

        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(jdbc.sql("SELECT kind || ' ' || amount FROM payment_operation WHERE order_id = ? AND kind <> 'AUTHORIZE'")
                .param(order.getBusinessKey()).query(String.class).list())
                .containsExactlyInAnyOrder("CAPTURE_DECLINED 200.00", "LEFT_UNPAID 200.00", "VOID_LAPSED 400.00");
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("lapsed", "unpaid")
                .containsExactly(new BigDecimal("600.00"), new BigDecimal("200.00"));
        assertThat(unpaidOrders()).contains(order.getBusinessKey());
    }

    /**
     * A parcel left unpaid because the provider refused its capture is no capture under way: the order's renewal,
     * waiting for that capture to be booked, was retried into an incident and never reached ops.
     */
    @Test
    void aRenewalGoesOnPastAParcelTheProviderRefusedToCharge() {
        ProcessInstance order = parcelCaptureWaitingPastTheAuthorisation();
        ProcessInstance renewal = renewalOf(order);
        execute(job(order));
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().unpaid()).isEqualByComparingTo("200.00");

        engine.getManagementService().executeJob(renewalTimer(renewal).getId());
        execute(job(renewal));

        assertThat(renewal).as("refused, as the card is: ops decide").isWaitingAt("Task_ResolveLapsedAuthorization");

        // The customer gives a new card: the rest is held on it and charged, the unpaid parcel stays for ops.
        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "tok_mastercard"));
        execute(job(renewal));
        jobs.completeBatches();
        execute(job(order));
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(jdbc.sql("SELECT amount FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(BigDecimal.class).single())
                .as("the parcel left unpaid is not held on the new card").isEqualByComparingTo("400.00");
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("status", "captured", "lapsed", "unpaid")
                .as("everything still to charge was charged")
                .containsExactly("CAPTURED", new BigDecimal("400.00"), new BigDecimal("200.00"), new BigDecimal("200.00"));
    }

    /** The drop-ship parcel's notice of a held order said the chairs kept for it were "sent in a parcel of its own". */
    @Test
    void aHeldOrdersParcelNoticeSaysTheUnitsKeptForItWaitForThePayment() {
        String supplier = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = catalog.dropShipProduct(supplier, "30.00");
        ProcessInstance order = place("tok_expiring", ShipPolicy.COMPLETE, chair, sku);
        execute(job(order));
        assertThat(order).isWaitingAt("Gateway_WaitForStock");

        dropShippedWhileHeld(order, supplier, "TRACK-H");

        assertThat(shipmentNotices(order)).singleElement().asString().contains("TRACK-H")
                .contains("Ready for you, and sent once your payment is authorised again:\n\n  2 × ")
                .doesNotContain("sent in a parcel of its own");
    }

    @Test
    void inStockOrderNeedsNoRenewal() {
        ProcessInstance order = place("tok_visa", ShipPolicy.PARTIAL, chair);

        assertThat(renewalOf(order)).isNull();
    }

    @Test
    void openAmountIsAuthorisedAgainADayBeforeTheAuthorisationLapses() {
        ProcessInstance order = place("tok_visa", ShipPolicy.PARTIAL, chair, table);
        execute(job(order));
        execute(job(order));
        execute(job(order));
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
        Payment before = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(before.captured()).isEqualByComparingTo("200.00");
        ProcessInstance renewal = renewalOf(order);
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");
        assertThat(renewalTimer(renewal).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(6)));

        renew(renewal);

        Payment after = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(after.authorizationId()).isNotEqualTo(before.authorizationId());
        assertThat(after.authorized()).isEqualByComparingTo("600.00");
        assertThat(after.captured()).isEqualByComparingTo("200.00");
        assertThat(jdbc.sql("SELECT amount FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("400.00");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'REAUTHORIZED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("\"amount\":400.00").contains(before.authorizationId());
        // The replaced authorisation held the same 400.00 on the card until it lapsed: the customer was held twice.
        assertThat(jdbc.sql("SELECT amount FROM sim_payment_ledger WHERE operation = 'VOID' AND outcome = 'SUCCEEDED' AND reference = ?")
                .param(before.authorizationId()).query(java.math.BigDecimal.class).list())
                .as("the replaced authorisation's hold is released").singleElement()
                .satisfies(amount -> assertThat(amount).isEqualByComparingTo("400.00"));
        assertThat(after.voided()).as("the order's own authorisation still holds what is open").isEqualByComparingTo("0");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'VOIDED'")
                .param(order.getBusinessKey()).query(String.class).single()).as("money released on the card, on the timeline")
                .contains("\"amount\":400.00", before.authorizationId(), "replaced by a renewed authorisation");
        assertThat(jdbc.sql("SELECT type || ' ' || data FROM order_event WHERE order_id = ? AND type IN ('REAUTHORIZED', 'VOIDED') ORDER BY at, id")
                .param(order.getBusinessKey()).query(String.class).list())
                .as("the new hold, naming the authorisation later captures run on, then the old one released")
                .satisfiesExactly(
                        renewed -> assertThat(renewed).startsWith("REAUTHORIZED").contains("\"authorization\":\"" + after.authorizationId() + "\""),
                        released -> assertThat(released).startsWith("VOIDED"));
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");
        assertThat(renewalTimer(renewal).getDuedate().toInstant())
                .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(6)));

        renew(renewal);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(Integer.class).single()).as("each renewal its own key").isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'VOID' AND reference = ?")
                .param(after.authorizationId()).query(Integer.class).single()).as("the second renewal releases the first's").isEqualTo(1);

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        execute(job(order));
        execute(job(order));
        assertThat(order).isEnded();
        Payment shipped = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(shipped.captured()).isEqualByComparingTo("600.00");

        assertThat(renewal).as("the shipped order closes its renewal at once").isEnded()
                .hasPassed("Event_OrderClosed", "EndEvent_RenewalNotNeeded");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void refusedRenewalGivesOpsATask() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");

        ProcessInstance renewal = refusedRenewalOf(order);

        Task task = lapseTask(renewal);
        assertThat(task.getName()).isEqualTo("Resolve lapsed authorisation");
        assertThat(task.getDescription()).as("Tasklist's list names the order, as the delayed-backorder task does")
                .startsWith("Order " + order.getBusinessKey() + ": ");
        assertThat(task.getDueDate().toInstant()).as("due a day after it was created")
                .isEqualTo(task.getCreateTime().toInstant().plus(Duration.ofDays(1)));
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "ops".equals(link.getGroupId()));
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(String.class).single()).contains("could not be renewed");
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
        assertThat(engine.getTaskService().getVariables(task.getId())).as("what the form shows ops")
                .containsEntry("customer", "Ada <ada@example.com>")
                .containsEntry("openAmount", "600.00 EUR")
                .containsEntry("declineReason", "card declined");
        Filter opsTasks = engine.getFilterService().createFilterQuery().filterName(OpsTaskFilters.OPS_TASKS).singleResult();
        assertThat(engine.getFilterService().<Task>list(opsTasks.getId())).as("ops find it in Tasklist")
                .extracting(Task::getId).contains(task.getId());
        engine.getTaskService().claim(task.getId(), "admin");
        assertThat(engine.getFilterService().<Task>list(opsTasks.getId())).as("a claimed task stays on ops' list")
                .extracting(Task::getId).contains(task.getId());
        try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"id\": \"resolveLapsedAuthorization\"").contains("\"key\": \"lapseDecision\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The held order keeps its stock reserved while nobody decides: the task went unescalated for good. */
    @Test
    void anUnclaimedLapseTaskIsOfferedToOpsLeads() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(renewal.getId())
                .activityId("Event_LapseTaskUnclaimed").singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(8)));

        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        execute(timer);

        Task task = lapseTask(renewal);
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "ops-leads".equals(link.getGroupId()) && "candidate".equals(link.getType()));
        assertThat(task.getPriority()).isEqualTo(80);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED' ORDER BY id")
                .param(order.getBusinessKey()).query(String.class).list()).last().asString()
                .contains("Resolve lapsed authorisation").contains("unclaimed for 8 hours");
        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
    }

    @Test
    void aShorterValidityConfiguredLaterBringsWaitingRenewalsForwardAndALongerOneMovesNone() {
        ProcessInstance order = waitingCompleteOrder("tok_visa");
        ProcessInstance renewal = renewalOf(order);
        assertThat(renewalTimer(renewal).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(6)));
        Duration configured = paymentSettings.getAuthorizationValidity();
        try {
            // The operator learns that the provider holds authorisations for three days, and restarts so.
            paymentSettings.setAuthorizationValidity(Duration.ofDays(3));
            schedule.bringForward();
            assertThat(renewalTimer(renewal).getDuedate().toInstant()).as("a day before the grant at T0 lapses")
                    .isEqualTo(T0.plus(Duration.ofDays(2)));
            assertThat(schedule.bringForward()).as("the next start moves nothing").isZero();

            // An authorisation granted under the shorter validity may hold only that long.
            paymentSettings.setAuthorizationValidity(Duration.ofDays(10));
            schedule.bringForward();
            assertThat(renewalTimer(renewal).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(2)));

            // A renewal already overdue under the validity now configured is due at once.
            ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(1))));
            paymentSettings.setAuthorizationValidity(Duration.ofHours(36));
            schedule.bringForward();
            assertThat(renewalTimer(renewal).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(1)));
        } finally {
            paymentSettings.setAuthorizationValidity(configured);
        }
        execute(renewalTimer(renewal));
        execute(job(renewal));
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'REAUTHORIZED'")
                .param(order.getBusinessKey()).query(String.class).single()).as("renewed before it lapsed").isNotEmpty();
    }

    @Test
    void orderWhoseAuthorisationLapsedShipsNothingWhenItsStockArrives() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        refusedRenewalOf(order);

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();

        assertThat(order).as("woken by the receipt, and back at the wait").hasPassed("Event_StockAllocated")
                .isWaitingAt("Gateway_WaitForStock");
        Order held = orderRepository.find(order.getBusinessKey()).orElseThrow();
        assertThat(held.paymentLapsed()).isTrue();
        assertThat(held.lines()).as("the stock stays reserved for the customer")
                .allMatch(line -> line.reserved() == line.quantity() && line.shipped() == 0);
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shipment WHERE order_id = ?").param(order.getBusinessKey())
                .query(Integer.class).single()).isZero();
        // The renewal ran a day before the authorisation granted at T0 lapses, and was refused a minute later.
        OrderView.PaymentView payment = orderApi.get(order.getBusinessKey()).payment();
        assertThat(payment.heldSince()).as("the shop sees why the order does not ship")
                .isEqualTo(T0.plus(Duration.ofDays(6)).plusSeconds(60));
        assertThat(payment.authorizationLapsedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    /** A held order ships nothing, so it collects no parcel either: its timeline must not say one is coming. */
    @Test
    void aHeldPartialOrderCollectsNoParcelFromAReceipt() {
        String shelf = catalog.product("50.00", 0);
        ProcessInstance order = place("tok_expiring", ShipPolicy.PARTIAL, table, shelf);
        execute(job(order));
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
        refusedRenewalOf(order);

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();

        assertThat(order).as("woken by the receipt, and back at the wait for stock, not at a collecting parcel")
                .hasPassed("Event_StockAllocated").isWaitingAt("Gateway_WaitForStock");
        assertThat(orderApi.get(order.getBusinessKey()).nextParcelAt()).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'PARCEL_COLLECTING'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isZero();
    }

    @Test
    void opsAuthoriseTheCustomersNewCardAndTheHeldOrderShips() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        String lapsed = payments.find(order.getBusinessKey()).orElseThrow().authorizationId();
        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();

        decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", " tok_mastercard "));
        execute(job(renewal));

        assertThat(renewal).as("the new authorisation is renewed in its turn").isWaitingAt("Gateway_WhatHappensFirst");
        Order released = orderRepository.find(order.getBusinessKey()).orElseThrow();
        assertThat(released.paymentLapsed()).isFalse();
        assertThat(released.paymentToken()).isEqualTo("tok_mastercard");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'OPS_DECIDED'")
                .param(order.getBusinessKey()).query(String.class).single()).as("the token itself is not on the timeline")
                .contains("AUTHORIZE_AGAIN", "\"newPaymentMethod\":true").doesNotContain("tok_mastercard");
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("heldSince", "authorizationLapsedAt")
                .containsOnlyNulls();
        // Nor is it in the engine's history, which every ops user reads for the process's 180 days.
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(renewal.getId()).list())
                .filteredOn(detail -> detail instanceof HistoricVariableUpdate update
                        && "newPaymentToken".equals(update.getVariableName()))
                .extracting(detail -> ((HistoricVariableUpdate) detail).getValue())
                .contains("(withheld)").doesNotContain(" tok_mastercard ", "tok_mastercard");
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(renewal.getId()).formFields().list())
                .filteredOn(detail -> "newPaymentToken".equals(((HistoricFormField) detail).getFieldId()))
                .extracting(detail -> ((HistoricFormField) detail).getFieldValue())
                .as("the form field Tasklist submitted").containsExactly("(withheld)");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(renewal.getId())
                .variableName("newPaymentToken").includeDeleted().list()).isNotEmpty()
                .allSatisfy(variable -> assertThat(variable.getValue()).isNotEqualTo(" tok_mastercard "));
        String renewed = payments.find(order.getBusinessKey()).orElseThrow().authorizationId();
        assertThat(renewed).isNotEqualTo(lapsed);

        jobs.completeBatches();
        execute(job(order));
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentToken())
                .as("a finished order keeps no payment token").isNull();
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isEqualByComparingTo("600.00");
        assertThat(jdbc.sql("SELECT reference FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND outcome = 'SUCCEEDED' AND reference IN (?, ?)")
                .params(lapsed, renewed).query(String.class).list()).as("captured on the new authorisation only")
                .containsExactly(renewed);
        assertThat(renewal).isEnded();
    }

    /** A card number where the provider's token belongs is refused, not stored, as it is on the order API. */
    @Test
    void aCardNumberGivenAsTheNewTokenIsRefusedAndNotKept() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        Task first = lapseTask(renewal);

        decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "4111 1111 1111 1111"));
        execute(job(renewal));

        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
        assertThat(lapseTask(renewal).getId()).isNotEqualTo(first.getId());
        Order held = orderRepository.find(order.getBusinessKey()).orElseThrow();
        assertThat(held.paymentLapsed()).isTrue();
        assertThat(held.paymentToken()).isEqualTo("tok_expiring");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'AUTHORIZE' AND outcome = 'DECLINED' AND reference = ?")
                .param(order.getBusinessKey()).query(Integer.class).single())
                .as("only the renewal refused before: the provider was not asked with the card number").isEqualTo(1);
    }

    /** A provider outage through the renewal's retries: the order, not only Cockpit, says it waits for ops. */
    @Test
    void aRenewalStepOutOfRetriesPutsTheOrderInOpsHandsOnItsTimeline() {
        ProcessInstance order = waitingCompleteOrder("tok_visa");
        orderRepository.replacePaymentToken(order.getBusinessKey(), "tok_flaky");
        ProcessInstance renewal = renewalOf(order);
        Job timer = renewalTimer(renewal);
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        engine.getManagementService().executeJob(timer.getId());
        assertThatThrownBy(() -> execute(job(renewal))).hasMessageContaining("payment provider unavailable");
        engine.getManagementService().setJobRetries(job(renewal).getId(), 1);

        assertThatThrownBy(() -> execute(job(renewal))).hasMessageContaining("payment provider unavailable");

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(renewal.getId()).count()).isOne();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("\"to\":\"ops\"", "\"step\":\"Task_ReauthorizePayment\"");
    }

    @Test
    void sameCardRefusedAgainOpensANewTaskAndTheOrderStaysHeld() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        Task first = lapseTask(renewal);

        decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN"));
        execute(job(renewal));

        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
        assertThat(lapseTask(renewal).getId()).isNotEqualTo(first.getId());
        assertThat(engine.getTaskService().getVariables(lapseTask(renewal).getId()))
                .as("the new task's form opens with no decision ticked").doesNotContainKey("lapseDecision");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'AUTHORIZE' AND outcome = 'DECLINED' AND reference = ?")
                .param(order.getBusinessKey()).query(Integer.class).single())
                .as("the second attempt asked the provider again, under a key of its own").isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isEqualTo(2);
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentLapsed()).isTrue();
    }

    /** Support corrected the customer's address: the lapse task told ops to write to the one that bounced. */
    @Test
    void theLapseTaskNamesTheCustomersCorrectedAddress() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        assertThat(engine.getTaskService().getVariables(lapseTask(renewal).getId()).get("customer").toString())
                .endsWith("<ada@example.com>");

        emailChange.change(order.getBusinessKey(), "ada.lovelace@example.org", "admin");

        assertThat(engine.getFormService().getTaskFormVariables(lapseTask(renewal).getId()).get("customer").toString())
                .endsWith("<ada.lovelace@example.org>");
    }

    @Test
    void opsCancelAnOrderWhoseAuthorisationLapsed() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);

        decide(renewal, Map.of("lapseDecision", "CANCEL"));

        assertThat(renewal).isEnded().hasPassed("Task_RequestOrderCancellation", "EndEvent_OrderCancellationRequested");
        jobs.completeBatches();
        execute(job(order));
        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        Payment payment = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(payment.captured()).isZero();
        assertThat(payment.voided()).isEqualByComparingTo("600.00");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'OPS_DECIDED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("\"decision\":\"CANCEL\"", "Resolve lapsed authorisation", "\"newPaymentMethod\":false");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'CANCEL_REQUESTED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .as("whose wish the cancellation was").contains("\"requestedBy\":\"OPS\"", "\"user\":\"admin\"");
    }

    /**
     * Ops reached the customer only after the authorisation had lapsed: the provider refused to release a hold it no
     * longer had, and the cancellation e-mail said "we have released the €600.00 still reserved on your card".
     */
    @Test
    void anOrderCancelledAfterItsAuthorisationLapsedIsToldTheHoldEndedNotThatItWasReleased() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        Instant lapsed = paymentService.authorizationLapsesAt(order.getBusinessKey()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(lapsed.plus(Duration.ofHours(2))));

        decide(renewal, Map.of("lapseDecision", "CANCEL"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(jdbc.sql("SELECT outcome FROM sim_payment_ledger WHERE operation = 'VOID' AND reference = ?")
                .param(payments.find(order.getBusinessKey()).orElseThrow().authorizationId()).query(String.class).single())
                .as("the provider held nothing any more").isEqualTo("DECLINED");
        assertThat(jdbc.sql("SELECT kind || ' ' || amount FROM payment_operation WHERE order_id = ? AND kind LIKE 'VOID%'")
                .param(order.getBusinessKey()).query(String.class).list()).containsExactly("VOID_LAPSED 600.00");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'VOIDED'")
                .param(order.getBusinessKey()).query(String.class).single()).contains("the authorisation had lapsed");
        // Support read "VOIDED, voided 600.00" on the order as money released back to the card.
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("status", "voided", "lapsed")
                .containsExactly("LAPSED", new BigDecimal("0.00"), new BigDecimal("600.00"));
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("The hold of €600.00 on your card has already ended.",
                        "You have not been charged for this order.")
                .doesNotContain("released");
    }

    @Test
    void aCompletionWithWhatTheFormDoesNotOfferIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        String task = lapseTask(renewal).getId();
        int authorisationsBefore = authorisationsAskedFor(order);

        // Tasklist's form offers two decisions and a token of at most 200 characters; /engine-rest does
        // not. A form validation error is its 400. "cancel" would otherwise have authorised again.
        for (Map<String, Object> form : List.<Map<String, Object>>of(Map.of("lapseDecision", "cancel"),
                Map.of("lapseDecision", "CANCEL_ORDER"), Map.of("lapseDecision", 1),
                Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "t".repeat(201)),
                Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "t".repeat(5_000)),
                Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", 4_242),
                Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "tok\nvisa"))) {
            assertThatThrownBy(() -> engine.getTaskService().complete(task, form))
                    .as(form.toString().substring(0, Math.min(80, form.toString().length())))
                    .isInstanceOf(FormFieldValidationException.class)
                    .hasMessageMatching("(lapseDecision: must be one of \\[AUTHORIZE_AGAIN, CANCEL]"
                            + "|newPaymentToken: must be text of at most 200 characters"
                            + "|newPaymentToken: must not contain control characters \\(line breaks, tabs, NUL\\))");
            assertThat(lapseTask(renewal).getId()).as("the task stays for ops").isEqualTo(task);
        }

        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
        assertThat(authorisationsAskedFor(order)).as("the provider was not asked again").isEqualTo(authorisationsBefore);
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentLapsed()).isTrue();

        decide(renewal, Map.of("lapseDecision", "CANCEL"));

        assertThat(renewal).isEnded().hasPassed("Task_RequestOrderCancellation");
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().cancelRequestedAt()).isNotNull();
    }

    @Test
    void aLapseDecisionAfterTheOrdersCancellationWasRequestedIsRefusedNotSilentlyDropped() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.customer());

        // The order closes the task once its cancellation runs (a job); until then the task is there.
        assertThatThrownBy(() -> decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "tok_visa")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("lapseDecision: ")
                .hasMessageContaining("cancellation was requested");
        assertThat(lapseTask(renewal)).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'OPS_DECIDED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isZero();
    }

    @Test
    void lapseTaskGoesAwayWhenTheOrderIsCancelledBeforeOpsGetToIt() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);

        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(renewal).as("nothing is left for ops to resolve").isEnded()
                .hasPassed("Event_OrderClosedDuringLapse", "EndEvent_LapseNoLongerOpen")
                .hasNotPassed("Task_RequestOrderCancellation");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("ops")
                .processInstanceBusinessKey(AuthorizationRenewals.businessKey(order.getBusinessKey())).count()).isZero();
    }

    @Test
    void cancelledBackorderedOrderClosesItsRenewal() {
        ProcessInstance order = waitingCompleteOrder("tok_visa");
        ProcessInstance renewal = renewalOf(order);
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");

        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.api("shop"));
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(renewal).as("the cancelled order closes its renewal at once").isEnded()
                .hasPassed("Event_OrderClosed", "EndEvent_RenewalNotNeeded");
    }

    /**
     * A parcel's capture failed on the authorisation and waited for its retry when the renewal came: the renewal
     * released the parcel's money with the old authorisation, and the retried capture charged an authorisation
     * already released. The renewal now waits for the parcel's charge.
     */
    @Test
    void aParcelWhoseCaptureIsUnderWayIsChargedBeforeTheAuthorisationIsReplaced() {
        ProcessInstance order = place("tok_visa", ShipPolicy.PARTIAL, chair, table);
        execute(job(order));
        execute(job(order));
        assertThat(order).isWaitingAt("Task_CapturePayment");
        String first = payments.find(order.getBusinessKey()).orElseThrow().authorizationId();
        ProcessInstance renewal = renewalOf(order);
        Job timer = renewalTimer(renewal);
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        engine.getManagementService().executeJob(timer.getId());

        String renewalStep = job(renewal).getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(renewalStep)).hasMessageContaining("capture is under way");
        assertThat(authorisationsAskedFor(order)).isEqualTo(1);

        execute(job(order));
        engine.getManagementService().executeJob(renewalStep);

        assertThat(jdbc.sql("SELECT reference FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND outcome = 'SUCCEEDED'"
                + " AND idempotency_key LIKE ?").param("capture:" + order.getBusinessKey() + "%").query(String.class).single())
                .as("charged on the authorisation that held it").isEqualTo(first);
        Payment after = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(after.authorizationId()).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT amount FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo(after.authorized().subtract(after.captured()));
    }

    /** The renewal's timer fired between the cancellation's request and its run: it held the card once more. */
    @Test
    void anOrderWhoseCancellationWasRequestedIsNotAuthorisedAgain() {
        ProcessInstance order = waitingCompleteOrder("tok_visa");
        ProcessInstance renewal = renewalOf(order);
        orders.requestCancellation(order.getBusinessKey(), CancellationRequester.customer());

        renew(renewal);

        assertThat(authorisationsAskedFor(order)).as("only the order's own").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'REAUTHORIZED'")
                .param(order.getBusinessKey()).query(Integer.class).single()).isZero();
    }

    @Test
    void orderOfAnEarlierModelVersionStillClosesItsRenewal() {
        // Versions deployed before the order recorded its renewal end with ${authorizationRenewals.stop(orderId)}.
        BpmnModelInstance earlier = Bpmn.createExecutableProcess("orderEndingAsEarlierVersions")
                .camundaHistoryTimeToLive(1)
                .startEvent().endEvent()
                .camundaExecutionListenerExpression(ExecutionListener.EVENTNAME_END, "${authorizationRenewals.stop(orderId)}")
                .done();
        engine.getRepositoryService().createDeployment().addModelInstance("earlier-order-end.bpmn", earlier).deploy();
        String orderId = "P-" + UUID.randomUUID();
        renewals.start(orderId);
        ProcessInstance renewal = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(AuthorizationRenewals.businessKey(orderId)).singleResult();
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");

        engine.getRuntimeService().startProcessInstanceByKey("orderEndingAsEarlierVersions", orderId, Map.of("orderId", orderId));

        assertThat(renewal).isEnded().hasPassed("Event_OrderClosed", "EndEvent_RenewalNotNeeded");
    }

    /**
     * The parcel's notice followed its capture, which waits for the new authorisation: the customer had the
     * parcel and heard nothing of it, however long ops took.
     */
    @Test
    void heldOrderADropShipSupplierDeliveredIsToldAtOnceCannotBeCancelledAndIsCapturedOnceAuthorisedAgain() {
        String supplier = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = catalog.dropShipProduct(supplier, "30.00");
        ProcessInstance order = place("tok_expiring", ShipPolicy.COMPLETE, sku);
        assertThat(order).isWaitingAt("Gateway_WaitForStock");

        ProcessInstance renewal = dropShippedWhileHeld(order, supplier, "TRACK-9");

        assertThat(order).as("delivered, but not charged on the lapsed authorisation").isWaitingAt("Gateway_WaitForStock");
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentToken())
                .as("shipped, but held: its authorisation is still to be renewed").isEqualTo("tok_expiring");
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isZero();
        assertThat(shipmentNotices(order)).as("the customer is told of the parcel, not charged yet").singleElement()
                .asString().contains("TRACK-9").contains("(€30.00) is not charged yet").doesNotContain("We have charged");
        String taskId = lapseTask(renewal).getId();
        // A form validation error, which Tasklist and /engine-rest answer with 400 (it was a 500).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decide(renewal, Map.of("lapseDecision", "CANCEL")))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageStartingWith("lapseDecision: ").hasMessageContaining("shipped in full");
        assertThat(lapseTask(renewal).getId()).as("the task stays for ops").isEqualTo(taskId);

        decide(renewal, Map.of("lapseDecision", "AUTHORIZE_AGAIN", "newPaymentToken", "tok_visa"));
        execute(job(renewal));
        jobs.completeBatches();
        for (int step = 0; step < 5 && engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                .executable().count() > 0; step++) {
            execute(job(order));
        }

        assertThat(order).isEnded();
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).isEqualByComparingTo("30.00");
        assertThat(renewal).isEnded();
        assertThat(shipmentNotices(order)).as("the parcel is announced once").hasSize(1);
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentToken())
                .as("the lapse ended on a finished order").isNull();
    }

    private List<String> shipmentNotices(ProcessInstance order) {
        return jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind IN ('SHIPPED', 'PARTIALLY_SHIPPED')")
                .param(order.getBusinessKey()).query(String.class).list();
    }

    /**
     * A held order's drop-ship parcel left, then the order was cancelled after its authorisation lapsed: the
     * cancellation charged the parcel on the authorisation the provider refused (an incident), and the customer
     * read that they had been charged and that a hold which had lapsed was released.
     */
    @Test
    void aHeldOrderCancelledAfterItsDropShipParcelLeftLeavesTheParcelUnpaidForOps() {
        HeldOrder held = heldWithDropShippedParcel();
        ProcessInstance order = held.order();
        Instant lapsed = paymentService.authorizationLapsesAt(order.getBusinessKey()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(lapsed.plus(Duration.ofHours(2))));

        cancelByOps(held);
        assertThat(payments.find(order.getBusinessKey()).orElseThrow().captured()).as("nothing taken on the lapsed hold").isZero();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED' AND data LIKE '%collect it%'")
                .param(order.getBusinessKey()).query(String.class).single()).as("ops collect it").contains("30.00 EUR not charged");
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("could no longer be charged for €30.00 of the goods already sent",
                        "The hold of €430.00 on your card has already ended")
                .doesNotContain("for which we have charged €30.00").doesNotContain("released");
        // The books: what the customer owes is recorded as such, not read as settled.
        assertThat(orderApi.get(order.getBusinessKey()).payment()).extracting("unpaid", "unpaidSettledAt", "voided", "lapsed")
                .containsExactly(new BigDecimal("30.00"), null, new BigDecimal("0.00"), new BigDecimal("430.00"));
        assertThat(orderApi.get(order.getBusinessKey()).parcels()).singleElement()
                .extracting("fulfilment", "trackingNumber", "value", "charged")
                .containsExactly("DROP_SHIP", "TRACK-7", new java.math.BigDecimal("30.00"), java.math.BigDecimal.ZERO);
        assertThat(jdbc.sql("SELECT kind || ' ' || amount || ' ' || currency FROM payment_operation WHERE order_id = ?"
                        + " AND kind IN ('REAUTHORIZE_DECLINED', 'LEFT_UNPAID', 'VOID', 'VOID_LAPSED')")
                .param(order.getBusinessKey()).query(String.class).list())
                .containsExactlyInAnyOrder("REAUTHORIZE_DECLINED 430.00 EUR", "LEFT_UNPAID 30.00 EUR", "VOID_LAPSED 430.00 EUR");
        assertThatThrownBy(() -> erasure.erase(order.getBusinessKey(), CustomerDataErasure.Basis.orderRequest("admin")))
                .as("the customer's address is needed to collect it").isInstanceOf(ConflictException.class)
                .hasMessageContaining("30.00 EUR unpaid");

        assertThat(unpaidOrders()).as("ops' list of parcels to collect").contains(order.getBusinessKey());
        assertThat(listed(order.getBusinessKey()).unpaid()).as("what the list says is owed").isEqualByComparingTo("30.00");

        paymentService.settleUnpaid(order.getBusinessKey(), SettlementOutcome.COLLECTED, "BT-2026-0920",
                "paid by bank transfer on 2026-09-20", "admin");

        assertThat(orderApi.get(order.getBusinessKey()).payment().unpaidSettledAt()).isNotNull();
        assertThat(unpaidOrders()).doesNotContain(order.getBusinessKey());
        assertThat(listed(order.getBusinessKey()).unpaid()).as("settled: nothing owed").isZero();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'UNPAID_SETTLED'")
                .param(order.getBusinessKey()).query(String.class).single()).contains("bank transfer", "\"by\":\"admin\"");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(held.renewal().getId())
                .variableName("customer").list()).as("the renewal's history names the customer").isNotEmpty();
        assertThat(erasure.erase(order.getBusinessKey(), CustomerDataErasure.Basis.orderRequest("admin"))).isNotNull();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(AuthorizationRenewals.businessKey(order.getBusinessKey())).list())
                .as("the renewal's history goes with the order's").isEmpty();
    }

    /**
     * The same, cancelled the day the renewal was refused: the old authorisation still held for its margin, and
     * the parcel was left for ops to collect from the customer although the provider would have paid it.
     */
    @Test
    void aHeldOrderCancelledBeforeItsAuthorisationLapsesIsChargedForTheParcelThatLeft() {
        HeldOrder held = heldWithDropShippedParcel();
        ProcessInstance order = held.order();

        cancelByOps(held);
        Payment payment = payments.find(order.getBusinessKey()).orElseThrow();
        assertThat(payment.captured()).as("the parcel, on the authorisation that still held").isEqualByComparingTo("30.00");
        assertThat(payment.voided()).isEqualByComparingTo("400.00");
        assertThat(payment.owed()).as("nothing for ops to collect").isFalse();
        assertThat(jdbc.sql("SELECT kind || ' ' || amount FROM payment_operation WHERE order_id = ?"
                        + " AND kind IN ('CAPTURE', 'LEFT_UNPAID', 'VOID', 'VOID_LAPSED')")
                .param(order.getBusinessKey()).query(String.class).list())
                .containsExactlyInAnyOrder("CAPTURE 30.00", "VOID 400.00");
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'")
                .param(order.getBusinessKey()).query(String.class).single())
                .contains("for which we have charged €30.00", "We have released the €400.00 still reserved on your card.")
                .doesNotContain("could no longer be charged");
    }

    @Test
    void refusalInARenewalOfAnEarlierModelVersionDoesNotHoldTheOrder() {
        // Versions deployed before the hold end their lapse task without a decision that could release it.
        BpmnModelInstance earlier = Bpmn.createExecutableProcess("renewalAsEarlierVersions")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_ReauthorizePayment").camundaDelegateExpression("${reauthorizePaymentDelegate}")
                .boundaryEvent("Event_ReauthorizationDeclined").error(OrderProcess.ERROR_REAUTHORIZATION_DECLINED)
                .userTask("Task_ResolveLapsedAuthorization").endEvent()
                .moveToActivity("Task_ReauthorizePayment").endEvent()
                .done();
        engine.getRepositoryService().createDeployment().addModelInstance("earlier-renewal.bpmn", earlier).deploy();
        ProcessInstance order = waitingCompleteOrder("tok_expiring");

        ProcessInstance renewal = engine.getRuntimeService().startProcessInstanceByKey("renewalAsEarlierVersions",
                Map.of("orderId", order.getBusinessKey()));

        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().paymentLapsed()).isFalse();
    }

    /**
     * Places the order's drop-ship purchase order, holds the order (its renewal refused), and has the supplier
     * report the parcel sent; answers the renewal waiting for ops.
     */
    private ProcessInstance dropShippedWhileHeld(ProcessInstance order, String supplier, String trackingNumber) {
        engine.getManagementService().createJobQuery().activityId("Task_PlacePurchaseOrder").list()
                .forEach(placing -> engine.getManagementService().executeJob(placing.getId()));
        ProcessInstance renewal = refusedRenewalOf(order);
        String purchaseOrder = jdbc.sql("SELECT id FROM purchase_order WHERE supplier_id = ?").param(supplier)
                .query(String.class).single();
        purchaseOrders.dispatchDropShip(purchaseOrder, trackingNumber, "warehouse");
        jobs.completeBatches();
        return renewal;
    }

    /** An order held since its renewal was refused, and its renewal waiting for ops. */
    private record HeldOrder(ProcessInstance order, ProcessInstance renewal) {
    }

    /** A PARTIAL order of a 30.00 drop-ship product and a table to come, held, whose drop-ship parcel left. */
    private HeldOrder heldWithDropShippedParcel() {
        String supplier = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = catalog.dropShipProduct(supplier, "30.00");
        ProcessInstance order = place("tok_expiring", ShipPolicy.PARTIAL, sku, table);
        execute(job(order));
        return new HeldOrder(order, dropShippedWhileHeld(order, supplier, "TRACK-7"));
    }

    /** Ops decide on the lapse task to cancel the held order, which then ends cancelled. */
    private void cancelByOps(HeldOrder held) {
        decide(held.renewal(), Map.of("lapseDecision", "CANCEL"));
        jobs.completeBatches();
        ProcessInstance order = held.order();
        for (int step = 0; step < 5 && !engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                .executable().list().isEmpty(); step++) {
            execute(job(order));
        }
        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    /** Moves the clock past the renewal timer, fires it, and runs the renewal step. */
    private void renew(ProcessInstance renewal) {
        Job timer = renewalTimer(renewal);
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        engine.getManagementService().executeJob(timer.getId());
        execute(job(renewal));
    }

    /** Renews the order's authorisation with a card the provider refuses: the renewal waits for ops. */
    private ProcessInstance refusedRenewalOf(ProcessInstance order) {
        ProcessInstance renewal = renewalOf(order);
        renew(renewal);
        assertThat(renewal).isWaitingAt("Task_ResolveLapsedAuthorization");
        return renewal;
    }

    private int authorisationsAskedFor(ProcessInstance order) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'AUTHORIZE' AND reference = ?")
                .param(order.getBusinessKey()).query(Integer.class).single();
    }

    private Task lapseTask(ProcessInstance renewal) {
        return engine.getTaskService().createTaskQuery().processInstanceId(renewal.getId()).singleResult();
    }

    /** Ops complete the lapse task with the form's decision, logged in as Tasklist has them. */
    private void decide(ProcessInstance renewal, Map<String, Object> decision) {
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        try {
            // As Tasklist sends a decision: a form submission, which the engine's history records field by field.
            engine.getFormService().submitTaskForm(lapseTask(renewal).getId(), decision);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private Job renewalTimer(ProcessInstance renewal) {
        return engine.getManagementService().createJobQuery().processInstanceId(renewal.getId())
                .activityId("Event_AuthorizationAboutToLapse").singleResult();
    }

    private ProcessInstance renewalOf(ProcessInstance order) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(AuthorizationRenewals.PROCESS_KEY)
                .processInstanceBusinessKey(AuthorizationRenewals.businessKey(order.getBusinessKey())).singleResult();
    }

    /** A COMPLETE order of a chair in stock and a table to come, authorised and waiting for the table. */
    private ProcessInstance waitingCompleteOrder(String token) {
        ProcessInstance order = place(token, ShipPolicy.COMPLETE, chair, table);
        execute(job(order));
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
        return order;
    }

    /**
     * A PARTIAL order (card {@code tok_expiring}) of two chairs in stock and a table to come, whose chairs' parcel left
     * and whose capture waited until an hour past the authorisation's life: the provider refuses it.
     */
    private ProcessInstance parcelCaptureWaitingPastTheAuthorisation() {
        ProcessInstance order = place("tok_expiring", ShipPolicy.PARTIAL, chair, table);
        execute(job(order));
        execute(job(order));
        assertThat(order).isWaitingAt("Task_CapturePayment");
        Instant lapsed = paymentService.authorizationLapsesAt(order.getBusinessKey()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(lapsed.plus(Duration.ofHours(1))));
        return order;
    }

    private ProcessInstance place(String token, ShipPolicy policy, String... skus) {
        String orderId = "P-" + UUID.randomUUID();
        List<PlaceOrderRequest.LineRequest> lines = java.util.Arrays.stream(skus)
                .map(sku -> new PlaceOrderRequest.LineRequest(sku, sku.equals(chair) ? 2 : 1)).toList();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                lines, policy, 0, new PlaceOrderRequest.PaymentRequest(token)));
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
        if (skus.length == 1) {
            execute(job(instance));
        }
        return instance;
    }

    private OrderSummary listed(String orderId) {
        return orderApi.list(new LinkedMultiValueMap<>(Map.of("maxResults", List.of("1000")))).getBody().stream()
                .filter(summary -> summary.orderId().equals(orderId)).findFirst().orElseThrow();
    }

    private List<String> unpaidOrders() {
        return orderApi.list(new LinkedMultiValueMap<>(Map.of("unpaid", List.of("true"), "maxResults", List.of("1000"))))
                .getBody().stream().map(OrderSummary::orderId).toList();
    }
}
