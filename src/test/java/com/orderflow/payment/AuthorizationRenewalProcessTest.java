package com.orderflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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

/**
 * A backordered order's payment authorisation is renewed a day before its seven days lapse, for
 * what is still open; a refused renewal goes to ops.
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
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");
        assertThat(renewalTimer(renewal).getDuedate().toInstant())
                .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(6)));

        renew(renewal);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE order_id = ? AND kind = 'REAUTHORIZE'")
                .param(order.getBusinessKey()).query(Integer.class).single()).as("each renewal its own key").isEqualTo(2);

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT);
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

        Task task = engine.getTaskService().createTaskQuery().processInstanceId(renewal.getId()).singleResult();
        assertThat(task.getName()).isEqualTo("Payment authorisation lapsed");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "ops".equals(link.getGroupId()));
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(order.getBusinessKey()).query(String.class).single()).contains("could not be renewed");
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(order).isWaitingAt("Gateway_WaitForStock");
    }

    @Test
    void lapseTaskGoesAwayWhenTheOrderIsCancelledBeforeOpsGetToIt() {
        ProcessInstance order = waitingCompleteOrder("tok_expiring");
        ProcessInstance renewal = refusedRenewalOf(order);

        orders.requestCancellation(order.getBusinessKey());
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(orderRepository.find(order.getBusinessKey()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(renewal).as("nothing is left for ops to resolve").isEnded()
                .hasPassed("Event_OrderClosedDuringLapse", "EndEvent_LapseNoLongerOpen")
                .hasNotPassed("EndEvent_LapseHandled");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("ops")
                .processInstanceBusinessKey(AuthorizationRenewals.businessKey(order.getBusinessKey())).count()).isZero();
    }

    @Test
    void cancelledBackorderedOrderClosesItsRenewal() {
        ProcessInstance order = waitingCompleteOrder("tok_visa");
        ProcessInstance renewal = renewalOf(order);
        assertThat(renewal).isWaitingAt("Gateway_WhatHappensFirst");

        orders.requestCancellation(order.getBusinessKey());
        jobs.completeBatches();
        execute(job(order));

        assertThat(order).isEnded();
        assertThat(renewal).as("the cancelled order closes its renewal at once").isEnded()
                .hasPassed("Event_OrderClosed", "EndEvent_RenewalNotNeeded");
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
}
