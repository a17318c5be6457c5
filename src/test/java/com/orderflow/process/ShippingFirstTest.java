package com.orderflow.process;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
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
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The job executor's choice among ready jobs: a released order's wake-up and dispatch go before an
 * earlier order's capture. The job executor is off; the test reads the order in which the executor's
 * own acquisition query offers the ready jobs.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class ShippingFirstTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired ReceiptService receipts;
    @Autowired ProcessSettings settings;
    @Autowired TestCatalog catalog;

    EngineJobs jobs;
    ManagementService management;

    @BeforeEach
    void setUp() {
        init(engine);
        management = engine.getManagementService();
        jobs = new EngineJobs(management);
        jobs.completeBatches();
    }

    @Test
    void releasedOrderIsWokenAndDispatchedBeforeAnEarlierShipmentIsCaptured() {
        ProcessInstance shipped = place(catalog.product("25.00", 5));
        execute(job(shipped));
        execute(job(shipped));
        assertThat(shipped).isWaitingAt("Task_CapturePayment");
        Job capture = job(shipped);
        String lamp = catalog.product("40.00", 0);
        ProcessInstance released = place(lamp);
        execute(job(released));
        assertThat(released).isWaitingAt("Gateway_WaitForStock");

        receipts.receive(lamp, 1, null, ReceiptSource.RECEIPT, "warehouse");
        Batch wakeUps = jobs.seedOnlyBatch();
        Job wakeUp = management.createJobQuery().jobDefinitionId(wakeUps.getBatchJobDefinitionId()).singleResult();

        assertThat(capture.getPriority()).isZero();
        // An exclusive capture job would be run by the engine in its dispatch's thread at once, passing
        // every queued dispatch; only a non-exclusive one waits for the acquisition asserted below.
        assertThat(((JobEntity) capture).isExclusive()).isFalse();
        assertThat(wakeUp.getPriority()).isEqualTo(settings.getShippingJobPriority()).isPositive();
        assertThat(acquisitionOrder()).containsSubsequence(wakeUp.getId(), capture.getId());

        jobs.completeBatches();
        assertThat(released).isWaitingAt("Task_DispatchShipment");
        Job dispatch = job(released);

        assertThat(dispatch.getPriority()).isEqualTo(settings.getShippingJobPriority());
        assertThat(acquisitionOrder()).containsSubsequence(dispatch.getId(), capture.getId());
    }

    /** Ready jobs in the order the job executor's acquisition query returns them. */
    private List<String> acquisitionOrder() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> context.getJobManager()
                .findNextJobsToExecute(new Page(0, 10_000)).stream().map(AcquirableJobEntity::getId).toList());
    }

    private ProcessInstance place(String sku) {
        return OneUnitOrders.place(orders, engine.getRuntimeService(), "S-", sku);
    }
}
