package com.orderflow.delay;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.choice.ChoiceService;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * A designer runs the whole delay cycle in minutes, as the spec says the same model may. Every slip stayed
 * within the day, and a delay was announced only on a later day: an ETA 24 minutes past a 2-minute threshold
 * sent no notice, no consolation and no choice, and max-delays could never be reached.
 */
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false", "orderflow.backorder.silent-delay=PT2M",
        "orderflow.backorder.overdue-step=PT1M"})
@ActiveProfiles("test")
class MinuteScaleDelayProcessTest {

    /** The first promise, five days' lead time later, is 10:00 in Berlin, where the notices are read. */
    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired ChoiceService choices;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void slipsOfMinutesPastAMinutesThresholdAreAnnouncedWithTheirTimeAndReachOps() {
        String sku = new TestCatalog(suppliers, products, stock, transaction).product("80.00", 0);
        String orderId = "M-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 2)), ShipPolicy.COMPLETE, 0,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        ProcessInstance order = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
        execute(job(order));
        assertThat(notice(orderId, "BACKORDERED", null)).contains("expected by June 6, 2026", "10:00");

        fireEtaTimer(order);   // the ETA moves a minute past the timer, to 10:02: within the threshold
        assertThat(kinds(orderId)).containsExactly("BACKORDERED");
        fireEtaTimer(order);   // 10:04
        String firstDelay = notice(orderId, "DELAYED", "delay-1");
        // A time names its zone: on the night the clocks go back, 1:30 AM is two different hours.
        assertThat(firstDelay).contains("We now expect them by June 6, 2026, 10:04 AM CEST").doesNotContain("% off");
        // The page the notice's links open prints the same date and time.
        String token = firstDelay.replaceAll("(?s).*?/choice/([^\\s#]+).*", "$1");
        assertThat(choices.page(token).eta()).isEqualTo("June 6, 2026, 10:04 AM CEST");
        fireEtaTimer(order);   // 10:06
        assertThat(notice(orderId, "DELAYED", "delay-2")).contains("10:06", "10% off");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(order.getId()).count()).isZero();
        fireEtaTimer(order);   // 10:08: the third notice hands the order to ops

        assertThat(kinds(orderId)).containsExactly("BACKORDERED", "DELAYED", "DELAYED", "DELAYED");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(order.getId())
                .taskDefinitionKey("Task_ResolveDelayedBackorder").singleResult();
        // Placed at 08:00 UTC on June 1, escalated at 08:07 UTC on June 6: whole days alone read 5, and an
        // order placed within the cycle's minutes read 0.
        assertThat(engine.getTaskService().getVariable(task.getId(), "waited")).isEqualTo("5 days 7 minutes");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ESCALATED'")
                .param(orderId).query(String.class).single()).contains("waitedDays", "5 days 7 minutes");
    }

    private void fireEtaTimer(ProcessInstance order) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                .activityId("Event_EtaPassed").singleResult();
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(60)));
        engine.getManagementService().executeJob(timer.getId());
    }

    private List<String> kinds(String orderId) {
        return jdbc.sql("SELECT kind FROM notification_outbox WHERE order_id = ? ORDER BY id").param(orderId)
                .query(String.class).list();
    }

    private String notice(String orderId, String kind, String reference) {
        return jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = ?"
                        + " AND COALESCE(reference, '') = COALESCE(?, '')")
                .params(orderId, kind, reference).query(String.class).single();
    }
}
