package com.orderflow.escalation;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.backorder.BackorderRepository;
import com.orderflow.choice.ChoiceRefusedException;
import com.orderflow.choice.ChoiceService;
import com.orderflow.delay.DelaySettings;
import com.orderflow.delay.MaxWaitSchedule;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.inventory.StockRepository;
import com.orderflow.notification.CustomerEmailChange;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.PurchaseOrderRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.security.IdentitySetup;
import com.orderflow.support.DelayedOrders;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation of delayed backorders to ops: after three delay notices or thirty days, the user task
 * "Resolve delayed backorder" with its form, each of ops' decisions, and the escalation of a task
 * nobody claimed within eight hours.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class EscalationProcessTest {

    static final Instant T0 = Instant.parse("2026-08-03T08:00:00Z");
    static final Instant FIRST_PROMISE = T0.plus(TestCatalog.LEAD_TIME);
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Berlin");

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired BackorderRepository backorders;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired ReceiptService receipts;
    @Autowired ChoiceService choices;
    @Autowired PurchaseOrderRepository purchaseOrders;
    @Autowired DelaySettings delaySettings;
    @Autowired MaxWaitSchedule maxWaits;
    @Autowired OpsSettings opsSettings;
    @Autowired OpsTaskSchedule opsTasks;
    @Autowired CustomerEmailChange emailChange;

    TestCatalog catalog;
    EngineJobs jobs;
    DelayedOrders delayed;
    String chair;
    String table;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
        delayed = new DelayedOrders(engine, orders, backorders, transaction, FIRST_PROMISE);
        chair = catalog.product("100.00", 5);
        table = catalog.product("400.00", 0);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void thirdDelayNoticeAsksOpsToResolveTheOrderWhileItKeepsWaiting() {
        ProcessInstance instance = delayed.backordered(chair, table);
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        assertThat(delayed.resolveTask(instance)).isNull();

        delayed.delay(instance, 20);

        Task task = delayed.resolveTask(instance);
        assertThat(task).isNotNull();
        assertThat(task.getName()).isEqualTo("Resolve delayed backorder");
        assertThat(candidateGroups(task)).containsExactly(IdentitySetup.OPS);
        // Tasklist shows what the task is for, and when ops should have decided (orderflow.ops.task-due).
        assertThat(task.getDescription()).contains("Order " + instance.getBusinessKey() + " was delayed too often")
                .contains("keep waiting with a new ETA").doesNotContain("${")
                .as("in words, as ops read them").contains("Due 1 day after it was created", "unclaimed for 8 hours");
        assertThat(task.getDueDate().toInstant()).isEqualTo(task.getCreateTime().toInstant().plus(Duration.ofDays(1)));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock", "Task_ResolveDelayedBackorder");
        Map<String, Object> form = engine.getTaskService().getVariables(task.getId());
        assertThat(form.get("customer").toString()).contains("Ada").contains("ada@example.com");
        // Products as the customer's notices name them; times in the zone those notices give dates in.
        assertThat(form.get("waitingLines").toString()).contains("1 × Product " + table + " (" + table + ")")
                .contains("ETA " + shopTime(FIRST_PROMISE.plus(Duration.ofDays(20))) + " (purchase order)");
        assertThat(form.get("readyNow").toString()).contains("2 × Product " + chair + " (" + chair + ")");
        assertThat(form.get("orderSize").toString()).as("what is at stake").matches("2 lines, \\d+\\.\\d{2} EUR, ships [A-Z]+ \\(.+\\)");
        assertThat(form).containsEntry("delayNoticesSent", 3).containsEntry("firstPromise", shopTime(FIRST_PROMISE));
        assertThat(form.get("consolationGiven").toString()).contains("10% discount, code SORRY-");
        assertThat(form).containsEntry("paymentState", "Authorised");
        String deployment = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment))
                .anyMatch(name -> name.endsWith("resolve-delayed-backorder.form"));
        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).keySet())
                .contains("customer", "customerEmails", "waitingLines", "readyNow", "waited", "consolationGiven");
        assertThat(types(instance)).contains("ESCALATED");

        Filter filter = engine.getFilterService().createFilterQuery().filterName(OpsTaskFilters.DELAYED_BACKORDERS).singleResult();
        assertThat(filter).isNotNull();
        assertThat(engine.getFilterService().<Task>list(filter.getId())).extracting(Task::getId).contains(task.getId());

        delayed.delay(instance, 25);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("escalated once").isEqualTo(1);
    }

    /**
     * The order keeps waiting while ops decide, and its task showed the day it escalated: one notice and one
     * ETA behind after the supplier slipped again, so ops decided on a date the customer had already been
     * told was wrong.
     */
    @Test
    void theOpenTaskShowsWhatHappenedToTheOrderSinceItEscalated() {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        assertThat(engine.getTaskService().getVariables(task.getId())).containsEntry("delayNoticesSent", 3);

        delayed.delay(instance, 30);

        Map<String, Object> form = engine.getFormService().getTaskFormVariables(task.getId());
        assertThat(form).containsEntry("delayNoticesSent", 4);
        assertThat(form.get("waitingLines").toString())
                .contains("ETA " + shopTime(FIRST_PROMISE.plus(Duration.ofDays(30))) + " (purchase order)");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("the same task, written again").isEqualTo(1);
        assertThat(updatesOf(instance, "delayNoticesSent")).as("the notice count changed").isEqualTo(2);
        assertThat(updatesOf(instance, "customer")).as("the customer did not: no update in the task's history").isEqualTo(1);
    }

    /**
     * The delay notices had bounced: ops read "3 notices sent" as the customer told three times. Support then
     * corrected the address while the task was open, and it still named the one that bounced.
     */
    @Test
    void theTaskSaysTheNoticesBouncedAndNamesTheAddressSupportCorrected() {
        ProcessInstance instance = delayed.backordered(chair, table);
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        jdbc.sql("UPDATE notification_outbox SET status = 'FAILED', last_error = '550 mailbox unavailable' WHERE order_id = ?")
                .param(instance.getBusinessKey()).update();
        delayed.delay(instance, 20);
        Task task = delayed.resolveTask(instance);
        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).get("customerEmails").toString())
                .contains("3 of 4 not delivered", "550 mailbox unavailable", "/customer-email");

        emailChange.change(instance.getBusinessKey(), "ada.lovelace@example.org", "admin");

        Map<String, Object> form = engine.getFormService().getTaskFormVariables(task.getId());
        assertThat(form.get("customer").toString()).contains("Ada", "<ada.lovelace@example.org>")
                .doesNotContain("ada@example.com");
        assertThat(form.get("customerEmails").toString()).as("sent again to the new address").doesNotContain("not delivered");
        assertThat(updatesOf(instance, "waitingLines")).as("nothing else was written again").isEqualTo(1);
    }

    /** Goods for part of a line shipped complete arrived while ops decided: the form still showed them waiting. */
    @Test
    void goodsArrivingForPartOfACompleteOrderShowOnTheOpenTask() {
        ProcessInstance instance = delayed.backordered(List.of(new PlaceOrderRequest.LineRequest(chair, 2),
                new PlaceOrderRequest.LineRequest(table, 3)), "en");
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        delayed.delay(instance, 20);
        Task task = delayed.resolveTask(instance);

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()
                .forEach(wakeUp -> engine.getManagementService().executeJob(wakeUp.getId()));

        Map<String, Object> form = engine.getFormService().getTaskFormVariables(task.getId());
        assertThat(form.get("readyNow").toString()).contains("1 × Product " + table + " (" + table + ")");
        assertThat(form.get("waitingLines").toString()).startsWith("ETA ").contains("\n  2 × Product " + table);
        assertThat(instance).as("still waiting for the rest, shipped complete").isWaitingAt("Gateway_WaitForStock");
    }

    /**
     * Goods filled the order while ops were deciding: its parcel left and the task stays until the capture has
     * run. A cancellation then was taken (204 over /engine-rest) and recorded on the timeline, did nothing, and
     * ops told the customer the order was cancelled; "ship what is available" was refused as "nothing reserved".
     */
    @Test
    void aDecisionOnAnOrderThatShippedInFullMeanwhileIsRefusedSayingSo() {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()
                .forEach(wakeUp -> engine.getManagementService().executeJob(wakeUp.getId()));
        assertThat(order(instance).status()).as("woken, packed and dispatched").isEqualTo(OrderStatus.SHIPPED);
        assertThat(delayed.resolveTask(instance)).as("until the capture has run").isNotNull();

        for (String decision : List.of("CANCEL", "SHIP_AVAILABLE", "KEEP_WAITING")) {
            assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of(OrderProcess.VAR_OPS_DECISION, decision,
                    OrderProcess.VAR_NEW_ETA, "2026-10-01")))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("opsDecision: ")
                    .hasMessageContaining("shipped in full meanwhile");
        }
        assertThat(types(instance)).doesNotContain("OPS_DECIDED", "CANCEL_REQUESTED");
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(instance.getId()).activityId("Task_CapturePayment").singleResult().getId());
        assertThat(instance).isEnded();
        assertThat(order(instance).status()).isEqualTo(OrderStatus.SHIPPED);
    }

    /** A purchase order stuck in an incident left ops deciding on a lead-time date nobody had ordered the goods for. */
    @Test
    void aLineWaitingForAPurchaseOrderStuckInAnIncidentSaysSoOnTheTask() {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        String purchaseOrder = purchaseOrders.demandOf(delayed.openBackorder(instance).id()).orElseThrow().purchaseOrderId();
        assertThat(engine.getTaskService().getVariable(task.getId(), "waitingLines").toString())
                .contains("purchase order " + purchaseOrder).doesNotContain("stuck");

        String replenishment = purchaseOrders.processInstanceId(purchaseOrder);
        engine.getRuntimeService().createIncident("failedJob", replenishment, "placing", "supplier unavailable");
        delayed.delay(instance, 30);

        assertThat(engine.getTaskService().getVariable(task.getId(), "waitingLines").toString())
                .containsPattern("purchase order " + purchaseOrder + " [A-Z]+ \\(stuck: an incident in Cockpit");
    }

    private long updatesOf(ProcessInstance instance, String variable) {
        return engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates()
                .list().stream().filter(detail -> variable.equals(((HistoricVariableUpdate) detail).getVariableName())).count();
    }

    /** Ops could cancel an order whose customer had just asked, through the notice's link, to keep waiting. */
    @Test
    void opsSeeOnTheFormWhatTheCustomerChoseMeanwhile() throws Exception {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        String link = choices.links(instance.getBusinessKey(), 3).get("KEEP_WAITING");
        String token = link.substring(link.indexOf("/choice/") + "/choice/".length(), link.indexOf('#'));

        choices.choose(token, "KEEP_WAITING");

        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).get("customerChoice"))
                .hasToString("KEEP_WAITING");
        try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"key\": \"customerChoice\"").doesNotContain("the customer is told by e-mail");
        }
    }

    @Test
    void opsSeeOnTheFormThatALapsedPaymentHoldsTheOrder() {
        ProcessInstance instance = delayed.backordered(chair, table);
        orderRepository.markPaymentLapsed(instance.getBusinessKey());
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        delayed.delay(instance, 20);

        Task task = delayed.resolveTask(instance);
        assertThat(task).isNotNull();
        // Held from the renewal's refusal; the authorisation granted at the order lapses seven days later.
        assertThat(engine.getTaskService().getVariable(task.getId(), "paymentState").toString())
                .startsWith("Held since " + shopTime(T0) + ": the provider refused to renew the authorisation; it lapses at "
                        + shopTime(T0.plus(Duration.ofDays(7))))
                .contains("Resolve lapsed authorisation");
        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).keySet()).contains("paymentState");
    }

    @Test
    void longWaitAsksOpsEvenAfterOneNotice() {
        ProcessInstance instance = delayed.backordered(chair, table);
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(31))));

        delayed.delay(instance, 30);

        assertThat(delayed.resolveTask(instance)).isNotNull();
        assertThat(engine.getTaskService().getVariables(delayed.resolveTask(instance).getId()))
                .containsEntry("delayNoticesSent", 1).containsEntry("waitedDays", 31L).containsEntry("waited", "31 days");
    }

    @Test
    void aShorterMaxWaitConfiguredLaterBringsAWaitingOrderToOpsWithoutWaitingForItsOldCheck() {
        ProcessInstance instance = delayed.backordered(chair, table);
        delayed.delay(instance, 60);
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(30)));
        Duration configured = delaySettings.getMaxWait();
        try {
            // The merchant restarts with max-wait 20 days while the order has waited 15.
            ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(15))));
            delaySettings.setMaxWait(Duration.ofDays(20));
            maxWaits.bringForward();
            assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(20)));
            assertThat(maxWaits.bringForward()).as("the next start moves nothing").isZero();

            // And with 10 days, which it has waited already: ops decide now.
            delaySettings.setMaxWait(Duration.ofDays(10));
            maxWaits.bringForward();
            assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(15)));
            engine.getManagementService().executeJob(etaTimer(instance).getId());
        } finally {
            delaySettings.setMaxWait(configured);
        }
        assertThat(delayed.resolveTask(instance)).isNotNull();
        assertThat(engine.getTaskService().getVariables(delayed.resolveTask(instance).getId()))
                .containsEntry("waited", "15 days");
    }

    @Test
    void orderWhoseEtaLiesBeyondMaxWaitGoesToOpsOnTheDayItHasWaitedTooLong() {
        ProcessInstance instance = delayed.backordered(chair, table);
        delayed.delay(instance, 60);
        Instant tooLongAt = T0.plus(Duration.ofDays(30));
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(tooLongAt);

        ClockUtil.setCurrentTime(Date.from(tooLongAt.plusSeconds(60)));
        engine.getManagementService().executeJob(etaTimer(instance).getId());

        assertThat(delayed.resolveTask(instance)).isNotNull();
        assertThat(engine.getTaskService().getVariables(delayed.resolveTask(instance).getId()))
                .containsEntry("delayNoticesSent", 1).containsEntry("waitedDays", 30L)
                .containsEntry("waited", "30 days 1 minute");
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("back to the ETA").isEqualTo(FIRST_PROMISE.plus(Duration.ofDays(60)));
        assertThat(delayed.openBackorder(instance).eta()).isEqualTo(FIRST_PROMISE.plus(Duration.ofDays(60)));
    }

    @Test
    void opsKeepWaitingWithANewEtaMovesTheEtaAndTheTimer() {
        ProcessInstance instance = delayed.escalated(chair, table);

        engine.getTaskService().complete(delayed.resolveTask(instance).getId(), Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, "2026-10-01", OrderProcess.VAR_OPS_NOTE, "supplier promises first week of October"));
        jobs.completeBatches();

        Instant newEta = Instant.parse("2026-09-30T22:00:00Z"); // the start of 1 October where the shop is
        assertThat(instance).hasPassed("Task_SetNewEta", "EndEvent_NewEtaSet").isWaitingAt("Gateway_WaitForStock");
        assertThat(delayed.openBackorder(instance).eta()).isEqualTo(newEta);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Event_EtaPassed").singleResult().getDuedate().toInstant()).isEqualTo(newEta);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED' ORDER BY id DESC")
                .param(instance.getBusinessKey()).query(String.class).list().get(0)).contains("supplier promises first week");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.BACKORDERED);
    }

    /**
     * Ops kept the order waiting, and it slipped again and again: the customer kept getting notices and ops
     * never saw it again. Counting starts again at their decision (the notice announcing ops' date included).
     */
    @Test
    void anOrderOpsKeptWaitingThatSlipsAsFarAgainGoesBackToOps() {
        ProcessInstance instance = delayed.escalated(chair, table);
        engine.getTaskService().complete(delayed.resolveTask(instance).getId(), Map.of(OrderProcess.VAR_OPS_DECISION,
                "KEEP_WAITING", OrderProcess.VAR_NEW_ETA, "2026-10-01", OrderProcess.VAR_OPS_NOTE, "supplier says maybe sooner"));
        jobs.completeBatches();
        assertThat(delays(instance)).as("ops' date announced").isEqualTo(4);

        delayed.delay(instance, 70);
        delayed.delay(instance, 80);
        assertThat(delayed.resolveTask(instance)).as("two slips past ops' date; the notice of their date is none").isNull();
        delayed.delay(instance, 90);

        Task again = delayed.resolveTask(instance);
        assertThat(again).isNotNull();
        assertThat(engine.getTaskService().getVariables(again.getId())).containsEntry("delayNoticesSent", 7)
                .as("Tasklist fills the form from these: the last round's answers would be sent again unread")
                .doesNotContainKeys(OrderProcess.VAR_OPS_DECISION, OrderProcess.VAR_NEW_ETA, OrderProcess.VAR_OPS_NOTE);
        assertThat(types(instance).stream().filter("ESCALATED"::equals).count()).isEqualTo(2);
    }

    /** Max-wait counts again from the date ops set: the supplier's later date would otherwise keep ops out for months. */
    @Test
    void anOrderOpsKeptWaitingGoesBackToOpsWhenItHasWaitedMaxWaitPastTheirDate() {
        ProcessInstance instance = delayed.backordered(chair, table);
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofDays(31))));
        delayed.delay(instance, 30);
        engine.getTaskService().complete(delayed.resolveTask(instance).getId(), Map.of(OrderProcess.VAR_OPS_DECISION,
                "KEEP_WAITING", OrderProcess.VAR_NEW_ETA, "2026-09-10"));
        jobs.completeBatches();
        delayed.delay(instance, 120);
        assertThat(delayed.resolveTask(instance)).isNull();

        Instant tooLongAgain = Instant.parse("2026-09-09T22:00:00Z").plus(Duration.ofDays(30));
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("max-wait past ops' date").isEqualTo(tooLongAgain);
        ClockUtil.setCurrentTime(Date.from(tooLongAgain.plusSeconds(60)));
        engine.getManagementService().executeJob(etaTimer(instance).getId());

        assertThat(delayed.resolveTask(instance)).isNotNull();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED' ORDER BY id DESC")
                .param(instance.getBusinessKey()).query(String.class).list().get(0)).contains("\"waitedTooLong\":true");
    }

    @Test
    void aDecisionAfterTheOrdersCancellationWasRequestedIsRefusedNotSilentlyDropped() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String task = delayed.resolveTask(instance).getId();
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.customer());
        long etaChangesBefore = etaChanges(instance);

        // The cancellation has not run yet (it is a job), so the task is still there to be completed.
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, "2026-10-01")))
                .isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("opsDecision: ")
                .hasMessageContaining("cancellation was requested");
        assertThat(etaChanges(instance)).isEqualTo(etaChangesBefore);
        assertThat(types(instance)).doesNotContain("OPS_DECIDED");

        jobs.completeBatches();
        execute(job(instance));
        assertThat(instance).isEnded();
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    /** Ops gave up the rest; a link of the customer's notices confirmed "we keep waiting" until the rest's step ran. */
    @Test
    void afterOpsGaveUpTheRestTheCustomersLinksCannotKeepItWaiting() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String token = choices.links(instance.getBusinessKey(), 3).values().iterator().next()
                .replaceFirst("^.*/choice/", "").replaceFirst("#.*$", "");
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        try {
            engine.getTaskService().complete(delayed.resolveTask(instance).getId(),
                    Map.of(OrderProcess.VAR_OPS_DECISION, "SHIP_AVAILABLE"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(instance).isWaitingAt("Task_CancelBackorderedRestForOps");
        assertThatThrownBy(() -> choices.choose(token, "KEEP_WAITING")).isInstanceOf(ChoiceRefusedException.class)
                .satisfies(refused -> assertThat(((ChoiceRefusedException) refused).reason())
                        .as("ops decided, not the customer").isEqualTo("rest-cancelled-by-shop"));
    }

    /** The goods arrived while ops decided: the filled backorder keeps the ETA it was filled under. */
    @Test
    void aNewEtaDecidedAfterTheGoodsArrivedLeavesTheFilledBackorderAsItWas() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String task = delayed.resolveTask(instance).getId();
        Instant promised = delayed.openBackorder(instance).eta();
        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");

        engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, "2026-10-01", OrderProcess.VAR_OPS_NOTE, "supplier says October"));

        assertThat(backorders.ofOrder(instance.getBusinessKey())).singleElement().satisfies(filled -> {
            assertThat(filled.status()).isEqualTo("FILLED");
            assertThat(filled.eta()).isEqualTo(promised);
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED' AND data LIKE ?")
                .params(instance.getBusinessKey(), "%supplier says October%").query(Integer.class).single())
                .as("no ETA change that never applied").isZero();
    }

    @Test
    void aCompletionWithoutOneOfTheFormsDecisionsIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String task = delayed.resolveTask(instance).getId();

        // Tasklist's form requires a decision; /engine-rest does not. A form validation error is its 400.
        for (Map<String, Object> form : List.<Map<String, Object>>of(Map.of(),
                Map.of(OrderProcess.VAR_OPS_DECISION, "SHIP_EVERYTHING"), Map.of(OrderProcess.VAR_OPS_DECISION, 3))) {
            assertThatThrownBy(() -> engine.getTaskService().complete(task, form)).as(form.toString())
                    .isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("opsDecision: must be one of");
        }

        assertThat(delayed.resolveTask(instance)).isNotNull();
        assertThat(instance).isWaitingAt("Gateway_WaitForStock", "Task_ResolveDelayedBackorder");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.BACKORDERED);
    }

    @Test
    void opsCannotKeepAnOrderWaitingOnADateNoCustomerCouldBePromised() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String task = delayed.resolveTask(instance).getId();
        Instant etaBefore = delayed.openBackorder(instance).eta();
        long etaChangesBefore = etaChanges(instance);

        LocalDate today = LocalDate.ofInstant(T0, ZoneOffset.UTC);
        // A date followed by other text was read as its first ten characters; no date at all moved the ETA
        // one overdue step from today, before the supplier's date.
        for (String date : List.of(today.plusDays(1_461).toString(), "9999-12-31", "+999999999-12-31T00:00:00Z", "next week",
                today.plusDays(60) + " oops, I meant " + today.plusDays(90), today.plusDays(60) + "xyz", "", "   ",
                today.minusDays(1).toString(), today.minusYears(1).plusDays(60).toString())) {
            assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                    OrderProcess.VAR_NEW_ETA, date))).as(date)
                    .isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("newEta: ");
            assertThat(delayed.resolveTask(instance)).as("the task stays open after " + date).isNotNull();
        }
        String tooFar = today.plusDays(1_461).toString();
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, tooFar))).as("the day as ops typed it, not the UTC instant before it")
                .hasMessageContaining("not " + tooFar + " 00:00");
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING")))
                .as("no date").isInstanceOf(FormFieldValidationException.class).hasMessageStartingWith("newEta: ");
        jobs.completeBatches();
        assertThat(delayed.openBackorder(instance).eta()).isEqualTo(etaBefore);
        assertThat(etaChanges(instance)).isEqualTo(etaChangesBefore);

        String lastPromisableDay = today.plusDays(1_459).toString();
        engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, lastPromisableDay));
        jobs.completeBatches();
        assertThat(instance).hasPassed("Task_SetNewEta");
        assertThat(delayed.openBackorder(instance).eta()).isEqualTo(LocalDate.parse(lastPromisableDay).atStartOfDay(SHOP_ZONE).toInstant());
    }

    @Test
    void anOrderWithMoreWaitingLinesThanTheFormCanHoldStillReachesOps() {
        // As many lines as the API takes, with the longest SKUs: their description takes about 30,000
        // characters, and the engine keeps 4,000 of text.
        List<PlaceOrderRequest.LineRequest> lines = new ArrayList<>(List.of(new PlaceOrderRequest.LineRequest(chair, 1)));
        for (int i = 0; i < 199; i++) {
            lines.add(new PlaceOrderRequest.LineRequest(catalog.longestProduct("10.00", 0), 100_000));
        }
        ProcessInstance instance = delayed.backordered(lines, "en");
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        delayed.delay(instance, 20);

        Task task = delayed.resolveTask(instance);
        assertThat(task).as("the order reached ops").isNotNull();
        String waiting = (String) engine.getTaskService().getVariable(task.getId(), "waitingLines");
        assertThat(waiting.length()).isLessThanOrEqualTo(4_000);
        List<String> shown = waiting.lines().toList();
        Matcher more = Pattern.compile("… and (\\d+) more \\(" + Pattern.quote("GET /api/orders/" + instance.getBusinessKey())
                + " lists them all\\)").matcher(shown.get(shown.size() - 1));
        assertThat(more.matches()).as(shown.get(shown.size() - 1)).isTrue();
        // One heading for the promise every line shares (the same purchase order and ETA), then the lines.
        // Lines under a heading per promise (purchase order and ETA); "more" counts lines, not headings.
        assertThat(shown.get(0)).startsWith("ETA ").endsWith(":");
        List<String> linesShown = shown.subList(0, shown.size() - 1).stream().filter(line -> !line.startsWith("ETA ")).toList();
        assertThat(linesShown).allMatch(line -> line.startsWith("  100000 × L-"));
        assertThat(linesShown.size() + Integer.parseInt(more.group(1))).as("every waiting line shown or counted").isEqualTo(199);
        assertThat(engine.getTaskService().getVariable(task.getId(), "readyNow")).isEqualTo("1 × Product " + chair + " (" + chair + ")");
    }

    @Test
    void aNoteLongerThanTheFormTakesIsRefusedAndOneWithinItIsKept() {
        ProcessInstance instance = delayed.escalated(chair, table);
        String task = delayed.resolveTask(instance).getId();
        String eta = LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(30).toString();

        // Tasklist's form stops at 1,000 characters; /engine-rest does not, and the engine stores at most
        // 4,000 as text on PostgreSQL. A form validation error is its 400.
        for (int length : new int[] {1_001, 4_001}) {
            assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                    OrderProcess.VAR_NEW_ETA, eta, OrderProcess.VAR_OPS_NOTE, "n".repeat(length)))).as(length + " characters")
                    .isInstanceOf(FormFieldValidationException.class).hasMessage("opsNote: must be at most 1000 characters");
            assertThat(delayed.resolveTask(instance)).as("the task stays open").isNotNull();
        }
        // /engine-rest takes any type; a number was kept as one and written on the timeline as text.
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, eta, OrderProcess.VAR_OPS_NOTE, 5)))
                .isInstanceOf(FormFieldValidationException.class).hasMessage("opsNote: must be text, not Integer");

        String note = "supplier: " + "n".repeat(990);
        engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "KEEP_WAITING",
                OrderProcess.VAR_NEW_ETA, eta, OrderProcess.VAR_OPS_NOTE, note));
        jobs.completeBatches();
        assertThat(instance).hasPassed("Task_SetNewEta");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED' ORDER BY id DESC")
                .param(instance.getBusinessKey()).query(String.class).list().get(0)).contains("ops: " + note);
    }

    private long etaChanges(ProcessInstance instance) {
        return jdbc.sql("SELECT count(*) FROM order_event WHERE order_id = ? AND type = 'ETA_CHANGED'")
                .param(instance.getBusinessKey()).query(Long.class).single();
    }

    @Test
    void opsShipAvailableShipsTheReservedPartAndCancelsTheRest() {
        ProcessInstance instance = delayed.escalated(chair, table);

        engine.getTaskService().complete(delayed.resolveTask(instance).getId(), Map.of(OrderProcess.VAR_OPS_DECISION, "SHIP_AVAILABLE"));
        execute(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_CancelBackorderedRestForOps").singleResult());
        jobs.completeBatches();
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_OpsRestCancelled", "EndEvent_OrderShipped");
        Order shipped = order(instance);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        Payment payment = payments.find(shipped.id()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("200.00");
        assertThat(payment.voided()).isEqualByComparingTo("400.00");
        // Ops decided it, so the shipment notice is the only way the customer learns the table was cancelled.
        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'SHIPPED'")
                .param(shipped.id()).query(String.class).single())
                .contains("your order is on its way to you, without the items cancelled below",
                        "Cancelled, not sent and not charged:", "We have released the €400.00 reserved on your card for them.")
                .contains("1 × Product " + table).doesNotContain("your order is complete").doesNotContain("rest of your order")
                .doesNotContain("as agreed");
    }

    /**
     * "Ship what is available" with nothing reserved withdrew every backorder and ended the process at
     * "Order shipped" with nothing shipped: the order read BACKORDERED for good, its cancel was refused as
     * "shipped in full", and the customer heard nothing. The customer's link never offers it then.
     */
    @Test
    void opsCannotShipWhatIsAvailableWhenNothingIsReservedAndCanStillCancel() {
        String lamp = catalog.product("50.00", 0);
        ProcessInstance instance = delayed.escalated(lamp, table);
        String task = delayed.resolveTask(instance).getId();

        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "SHIP_AVAILABLE")))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageStartingWith("opsDecision: nothing of this order is reserved to ship now");
        assertThat(delayed.resolveTask(instance)).as("the task stays open").isNotNull();
        assertThat(backorders.ofOrder(instance.getBusinessKey())).extracting(b -> b.status()).containsOnly("OPEN");

        engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "CANCEL"));
        jobs.completeBatches();
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_CancelOrder", "Task_NotifyCustomerCancelled");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.find(instance.getBusinessKey()).orElseThrow().voided()).isEqualByComparingTo("500.00");
    }

    /**
     * Ops could ship what is available on an order held for a lapsed payment: the rest was cancelled for a
     * parcel that could not leave, and the customer heard nothing. Their own link refuses it in that state.
     */
    @Test
    void opsCannotShipWhatIsAvailableWhileALapsedPaymentHoldsTheOrder() {
        ProcessInstance instance = delayed.backordered(chair, table);
        orderRepository.markPaymentLapsed(instance.getBusinessKey());
        delayed.delay(instance, 10);
        delayed.delay(instance, 15);
        delayed.delay(instance, 20);
        String task = delayed.resolveTask(instance).getId();

        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "SHIP_AVAILABLE")))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageStartingWith("opsDecision: the order's payment authorisation lapsed")
                .hasMessageContaining("Resolve lapsed authorisation");
        assertThat(delayed.resolveTask(instance)).as("the task stays open").isNotNull();
        assertThat(backorders.ofOrder(instance.getBusinessKey())).extracting(b -> b.status()).containsOnly("OPEN");
    }

    /**
     * Goods arrived while ops were still deciding: the order shipped, but its task stayed in Tasklist (its
     * "cancel" then did nothing), its unclaimed-task timer would still call ops-leads, and its payment
     * authorisation kept being renewed, all for an order that was done.
     */
    @Test
    void anOrderThatShipsWhileOpsDecideLeavesNoTaskTimerOrRenewalBehind() {
        ProcessInstance instance = delayed.escalated(chair, table);
        assertThat(delayed.resolveTask(instance)).isNotNull();

        receipts.receive(table, 1, null, ReceiptSource.RECEIPT, "warehouse");
        jobs.completeBatches();
        execute(jobAt(instance, "Task_DispatchShipment"));
        execute(jobAt(instance, "Task_CapturePayment"));

        assertThat(order(instance).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(instance).isEnded().hasPassed("EndEvent_OrderShipped");
        assertThat(delayed.resolveTask(instance)).as("the task is off ops' list").isNull();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("renewal:" + instance.getBusinessKey()).count()).as("no renewal left").isZero();
    }

    private Job jobAt(ProcessInstance instance, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    @Test
    void opsCancelCancelsTheOrderAndReleasesTheMoney() {
        ProcessInstance instance = delayed.escalated(chair, table);

        String task = delayed.resolveTask(instance).getId();
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        try {
            engine.getTaskService().complete(task, Map.of(OrderProcess.VAR_OPS_DECISION, "CANCEL",
                    OrderProcess.VAR_OPS_NOTE, "supplier out of business"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        jobs.completeBatches();
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_RequestCancellationForOps", "Task_CancelOrder");
        Order cancelled = order(instance);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.find(cancelled.id()).orElseThrow().voided()).isEqualByComparingTo("600.00");
        // The cancellation read like the shop's API call: who decided it, and why, is on the timeline.
        assertThat(types(instance)).containsSubsequence("ESCALATED", "OPS_DECIDED", "CANCEL_REQUESTED", "CANCELLED");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'OPS_DECIDED'").param(cancelled.id())
                .query(String.class).single()).contains("\"decision\":\"CANCEL\"", "\"by\":\"admin\"",
                        "supplier out of business", "Resolve delayed backorder");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'CANCEL_REQUESTED'").param(cancelled.id())
                .query(String.class).single()).contains("\"requestedBy\":\"OPS\"", "\"user\":\"admin\"");
    }

    @Test
    void unclaimedTaskGoesToOpsLeadsWithHigherPriority() {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);

        fireTaskEscalationTimer(instance);

        Task escalated = delayed.resolveTask(instance);
        assertThat(candidateGroups(escalated)).containsExactlyInAnyOrder(IdentitySetup.OPS, IdentitySetup.OPS_LEADS);
        assertThat(escalated.getPriority()).isEqualTo(80);
        assertThat(escalated.getId()).isEqualTo(task.getId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'ESCALATED' AND data LIKE '%ops-leads%'")
                .param(instance.getBusinessKey()).query(Integer.class).single()).isEqualTo(1);
    }

    /**
     * An ops task open when the merchant restarts with a shorter {@code task-escalation} and {@code task-due} reached
     * ops-leads, and read as overdue, on the times it was created with, after tasks created later. At the start its
     * check and its due date come forward to the new times; the checks after that follow the new cycle.
     */
    @Test
    void shorterTaskEscalationAndTaskDueConfiguredLaterReachTheTaskAlreadyOpen() {
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        Instant created = task.getCreateTime().toInstant();
        assertThat(task.getDueDate().toInstant()).isEqualTo(created.plus(Duration.ofDays(1)));
        assertThat(taskEscalationTimer(instance).getDuedate().toInstant()).isEqualTo(created.plus(Duration.ofHours(8)));
        Duration escalation = opsSettings.getTaskEscalation();
        Duration due = opsSettings.getTaskDue();
        try {
            // Restarted an hour after the task was created, with checks every 2 hours and 4 hours to decide.
            ClockUtil.setCurrentTime(Date.from(created.plus(Duration.ofHours(1))));
            opsSettings.setTaskEscalation(Duration.ofHours(2));
            opsSettings.setTaskDue(Duration.ofHours(4));
            assertThat(opsTasks.bringForward()).as("its check and its due date, with any other open task").isGreaterThanOrEqualTo(2);
            assertThat(taskEscalationTimer(instance).getDuedate().toInstant()).isEqualTo(created.plus(Duration.ofHours(2)));
            assertThat(delayed.resolveTask(instance).getDueDate().toInstant()).isEqualTo(created.plus(Duration.ofHours(4)));
            assertThat(opsTasks.bringForward()).as("the next start moves nothing").isZero();

            Instant firedAt = created.plus(Duration.ofHours(2)).plusSeconds(60);
            ClockUtil.setCurrentTime(Date.from(firedAt));
            engine.getManagementService().executeJob(taskEscalationTimer(instance).getId());

            assertThat(candidateGroups(delayed.resolveTask(instance))).contains(IdentitySetup.OPS_LEADS);
            assertThat(taskEscalationTimer(instance).getDuedate().toInstant()).as("the next check on the new cycle")
                    .isBetween(firedAt.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(2)), firedAt.plus(Duration.ofHours(2)));

            // A longer setting moves nothing: a check due sooner than it would have been only comes early.
            opsSettings.setTaskEscalation(Duration.ofHours(12));
            opsSettings.setTaskDue(Duration.ofDays(2));
            assertThat(opsTasks.bringForward()).isZero();
        } finally {
            opsSettings.setTaskEscalation(escalation);
            opsSettings.setTaskDue(due);
        }
    }

    /** A task claimed when the check ran, and given back unclaimed, was never offered to ops-leads. */
    @Test
    void claimedTaskIsNotEscalatedUntilItIsGivenBack() {
        ProcessInstance instance = delayed.escalated(chair, table);
        engine.getTaskService().claim(delayed.resolveTask(instance).getId(), "admin");

        fireTaskEscalationTimer(instance);

        Task task = delayed.resolveTask(instance);
        assertThat(candidateGroups(task)).containsExactly(IdentitySetup.OPS);
        assertThat(task.getPriority()).isEqualTo(50);

        engine.getTaskService().setAssignee(task.getId(), null);
        fireTaskEscalationTimer(instance);

        Task givenBack = delayed.resolveTask(instance);
        assertThat(candidateGroups(givenBack)).containsExactlyInAnyOrder(IdentitySetup.OPS, IdentitySetup.OPS_LEADS);
        assertThat(givenBack.getPriority()).isEqualTo(80);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED' AND data LIKE '%ops-leads%'")
                .param(instance.getBusinessKey()).query(String.class).single())
                .as("since it was given back, one check ago, not since it was created").contains("\"unclaimed for 8 hours\"");
    }

    private Job etaTimer(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Event_EtaPassed").singleResult();
    }

    private Job taskEscalationTimer(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Event_TaskUnclaimed").singleResult();
    }

    private void fireTaskEscalationTimer(ProcessInstance instance) {
        var timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Event_TaskUnclaimed").singleResult();
        // Every 8 hours while the task is open: the next check counts from the one before (or from now).
        Instant eightHoursOn = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(8));
        assertThat(timer.getDuedate().toInstant()).isBetween(eightHoursOn.minus(Duration.ofMinutes(2)), eightHoursOn);
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        engine.getManagementService().executeJob(timer.getId());
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
    }

    private Order order(ProcessInstance instance) {
        return orderRepository.find(instance.getBusinessKey()).orElseThrow();
    }

    private int delays(ProcessInstance instance) {
        return jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'DELAYED'").param(instance.getBusinessKey())
                .query(Integer.class).single();
    }

    private List<String> types(ProcessInstance instance) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(instance.getBusinessKey())
                .query(String.class).list();
    }

    /** How ops should read a time: minutes, in the zone of the customers' notices. */
    private static String shopTime(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(SHOP_ZONE)) + " Europe/Berlin";
    }
}
