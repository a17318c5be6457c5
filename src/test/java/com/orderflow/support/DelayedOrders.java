package com.orderflow.support;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaBasis;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings an order to the point where ops must decide about it: a COMPLETE order holding 2 chairs
 * (200.00) and waiting for a table (400.00) whose supplier keeps moving the ETA. Needs the job
 * executor off and {@code BpmnAwareTests.init(engine)}.
 */
public final class DelayedOrders {

    private final ProcessEngine engine;
    private final OrderService orders;
    private final BackorderRepository backorders;
    private final TransactionTemplate transaction;
    private final EngineJobs jobs;
    private final Instant firstPromise;

    /** {@code firstPromise} is the table's ETA when the order is placed (clock + lead time). */
    public DelayedOrders(ProcessEngine engine, OrderService orders, BackorderRepository backorders,
            TransactionTemplate transaction, Instant firstPromise) {
        this.engine = engine;
        this.orders = orders;
        this.backorders = backorders;
        this.transaction = transaction;
        this.jobs = new EngineJobs(engine.getManagementService());
        this.firstPromise = firstPromise;
    }

    public ProcessInstance backordered(String chair, String table) {
        return backordered(chair, table, "en");
    }

    /** As {@link #backordered(String, String)}, for a customer writing in {@code locale}. */
    public ProcessInstance backordered(String chair, String table, String locale) {
        return backordered(List.of(new PlaceOrderRequest.LineRequest(chair, 2), new PlaceOrderRequest.LineRequest(table, 1)),
                locale);
    }

    /** An order of {@code lines}, shipped complete, some of them out of stock: it waits. */
    public ProcessInstance backordered(List<PlaceOrderRequest.LineRequest> lines, String locale) {
        String orderId = "E-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", locale),
                lines, ShipPolicy.COMPLETE, 0, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        return instance;
    }

    /** Three delay notices: the third hands the order to ops. */
    public ProcessInstance escalated(String chair, String table) {
        ProcessInstance instance = backordered(chair, table);
        delay(instance, 10);
        delay(instance, 15);
        delay(instance, 20);
        assertThat(resolveTask(instance)).isNotNull();
        return instance;
    }

    /** The supplier moves the table's ETA to {@code days} past the first promise. */
    public void delay(ProcessInstance instance, int days) {
        transaction.executeWithoutResult(status -> backorders.moveEta(openBackorder(instance).id(),
                new Eta(firstPromise.plus(Duration.ofDays(days)), EtaBasis.PURCHASE_ORDER)));
        engine.getRuntimeService().createMessageCorrelationAsync(OrderProcess.MESSAGE_ETA_CHANGED)
                .processInstanceIds(List.of(instance.getId())).correlateAllAsync();
        jobs.completeBatches();
    }

    public Task resolveTask(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER).singleResult();
    }

    public Backorder openBackorder(ProcessInstance instance) {
        return backorders.ofOrder(instance.getBusinessKey()).stream().filter(b -> "OPEN".equals(b.status()))
                .findFirst().orElseThrow();
    }
}
