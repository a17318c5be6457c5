package com.orderflow.process;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.order.OrderService;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.payment.PaymentStatus;
import com.orderflow.support.LockRace;
import com.orderflow.support.OneUnitOrders;
import com.orderflow.support.TestCatalog;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A step that loses a race with another change of its order's process is run again at once, not after
 * the retry interval meant for an outside system that failed. The job executor is off; the test runs the
 * jobs and reads what the executor's acquisition would take.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class LostRaceRetryTest {

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired PaymentRepository payments;
    @Autowired TestCatalog catalog;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    ManagementService management;
    RuntimeService runtime;

    @BeforeEach
    void setUp() {
        init(engine);
        management = engine.getManagementService();
        runtime = engine.getRuntimeService();
    }

    @Test
    void aCaptureThatLostARaceIsDueAgainAtOnceAndChargesTheCardOnce() throws Exception {
        ProcessInstance order = OneUnitOrders.place(orders, runtime, "L-", catalog.product("25.00", 5));
        execute(job(order));
        execute(job(order));
        assertThat(order).isWaitingAt("Task_CapturePayment");
        Job capture = job(order);
        String orderId = order.getBusinessKey();

        // The capture reads the order's process, then waits for the payment's row; meanwhile ops suspend
        // and resume the order in Cockpit, which commits first: the capture's writes are stale.
        Throwable failure = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> payments.lock(orderId),
                () -> {
                    try {
                        management.executeJob(capture.getId());
                        return null;
                    } catch (RuntimeException lost) {
                        return lost;
                    }
                },
                () -> {
                    runtime.suspendProcessInstanceById(order.getId());
                    runtime.activateProcessInstanceById(order.getId());
                });
        Instant afterFailure = Instant.now();

        assertThat(failure).as("the capture lost the race").isInstanceOf(OptimisticLockingException.class);
        Job retried = management.createJobQuery().jobId(capture.getId()).singleResult();
        assertThat(retried.getDuedate().toInstant()).as("due again at once, not after the retry interval")
                .isBeforeOrEqualTo(afterFailure);
        assertThat(management.createJobQuery().jobId(capture.getId()).executable().count())
                .as("the job executor takes it now").isOne();
        assertThat(retried.getRetries()).as("counted as any failure (R5: five retries after the first), so a step that"
                + " keeps losing still ends as an incident").isEqualTo(5);
        assertThat(payments.find(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);

        execute(retried);

        assertThat(payments.find(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation = 'CAPTURE' AND reference = ?")
                .param(payments.find(orderId).orElseThrow().authorizationId()).query(Long.class).single())
                .as("the provider charged the card once").isOne();
        assertThat(order).hasPassed("Task_NotifyCustomerShipped");
    }
}
