package com.orderflow.process;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.order.OrderService;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.OneUnitOrders;
import com.orderflow.support.TestCatalog;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Orders released by one receipt are woken many to a job, and a job whose wake-ups fail is split so
 * that one broken order holds back no other and has an incident of its own.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class WakeUpBatchesTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired ReceiptService receipts;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessSettings settings;
    @Autowired TestCatalog catalog;

    ManagementService management;
    EngineJobs jobs;

    @BeforeEach
    void setUp() {
        init(engine);
        management = engine.getManagementService();
        jobs = new EngineJobs(management);
        jobs.completeBatches();
    }

    /** A test that failed half-way must not leave a batch that can never complete to the tests after it. */
    @AfterEach
    void dropUnfinishedBatches() {
        management.createBatchQuery().list().forEach(batch -> management.deleteBatch(batch.getId(), true));
    }

    @Test
    void ordersReleasedByOneReceiptAreWokenByOneJob() {
        assertThat(settings.getWakeUpsPerJob()).as("the default").isGreaterThanOrEqualTo(3);
        String lamp = catalog.product("40.00", 0);
        List<ProcessInstance> waiting = List.of(waitingFor(lamp), waitingFor(lamp), waitingFor(lamp));

        receipts.receive(lamp, 3, null, ReceiptSource.RECEIPT, "warehouse");
        Batch batch = jobs.seedOnlyBatch();

        List<Job> wakeUps = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list();
        assertThat(wakeUps).hasSize(1);
        management.executeJob(wakeUps.get(0).getId());
        for (ProcessInstance order : waiting) {
            assertThat(order).isWaitingAt("Task_DispatchShipment");
        }
    }

    @Test
    void oneBrokenOrderHoldsBackNoOtherOrderWokenWithIt() {
        String lamp = catalog.product("40.00", 0);
        ProcessInstance first = waitingFor(lamp);
        ProcessInstance broken = waitingFor(lamp);
        ProcessInstance third = waitingFor(lamp);
        receipts.receive(lamp, 3, null, ReceiptSource.RECEIPT, "warehouse");
        // A line whose open unit is neither reserved nor backordered: "Check shippable stock" refuses it.
        jdbc.sql("UPDATE order_line SET reserved = 0 WHERE order_id = ?").param(broken.getBusinessKey()).update();
        Batch batch = jobs.seedOnlyBatch();
        Job together = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).singleResult();

        assertThatThrownBy(() -> management.executeJob(together.getId()))
                .hasStackTraceContaining("neither reserved nor backordered");

        assertThat(management.createJobQuery().jobId(together.getId()).count()).as("the failed job is gone").isZero();
        jobs.runBatchJobsOnce();
        assertThat(first).isWaitingAt("Task_DispatchShipment");
        assertThat(third).isWaitingAt("Task_DispatchShipment");
        assertThat(broken).isWaitingAt("Gateway_WaitForStock");
        Job own = management.createJobQuery().processInstanceId(broken.getId()).messages().singleResult();
        assertThat(own.getRetries()).as("retried like any job of the order").isEqualTo(2);
        assertThat(own.getExceptionMessage()).contains("neither reserved nor backordered");

        jobs.runBatchJobsOnce();
        jobs.runBatchJobsOnce();
        assertThat(engine.getRuntimeService().createIncidentQuery().configuration(own.getId()).list())
                .as("the incident is the broken order's alone, and names it").singleElement()
                .satisfies(incident -> assertThat(incident.getIncidentMessage()).contains(broken.getBusinessKey())
                        .contains("neither reserved nor backordered"));
        for (ProcessInstance other : List.of(first, third)) {
            assertThat(management.createJobQuery().processInstanceId(other.getId()).withException().count()).isZero();
        }

        // Ops mend the order and retry its job: it goes on like the others.
        jdbc.sql("UPDATE order_line SET reserved = 1 WHERE order_id = ?").param(broken.getBusinessKey()).update();
        management.setJobRetries(own.getId(), 1);
        management.executeJob(own.getId());
        assertThat(broken).isWaitingAt("Task_DispatchShipment");
        assertThat(engine.getRuntimeService().createIncidentQuery().configuration(own.getId()).count()).isZero();
        jobs.completeBatches();
    }

    private ProcessInstance waitingFor(String sku) {
        ProcessInstance instance = OneUnitOrders.place(orders, engine.getRuntimeService(), "W-", sku);
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        return instance;
    }
}
