package com.orderflow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDate;

/**
 * The order-fulfillment model with every delegate replaced by {@code ${true}}: same elements, same
 * save points, same event subscriptions, no work. Derived from the real model when the benchmark
 * runs, so it cannot drift from it. The gateways read the variables the delegates would have set,
 * which {@link #happyPathVariables} supplies up front.
 */
final class SkeletonProcess {

    static final String KEY = "orderFulfillmentSkeleton";
    static final String RELEASE_KEY = "orderFulfillmentReleaseSkeleton";
    private static final String FAR_FUTURE = "2999-01-01T00:00:00Z";

    private SkeletonProcess() {
    }

    static void deploy(RepositoryService repository) {
        deploy(repository, KEY, "${true}");
    }

    /**
     * The skeleton for a release: its "check shippable stock" moves {@code nextStep} on as the real step
     * would for a woken order (waiting, then ship), and {@code orderComplete} ends it after one shipment.
     */
    static void deployForRelease(RepositoryService repository) {
        deploy(repository, RELEASE_KEY, "${execution.setVariable('nextStep', nextStep == 'WAIT' ? 'SHIP' : 'DONE')}");
    }

    private static void deploy(RepositoryService repository, String key, String checkShippableStock) {
        BpmnModelInstance model;
        try (InputStream real = SkeletonProcess.class.getClassLoader().getResourceAsStream("processes/order-fulfillment.bpmn")) {
            model = Bpmn.readModelFromStream(real);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        process.setId(key);
        process.setName("Order fulfillment skeleton (benchmark)");
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            task.setCamundaExpression("Task_CheckShippableStock".equals(task.getId()) ? checkShippableStock : "${true}");
        }
        // Timer dates the real model reads from an order's backorders; a skeleton has no order rows.
        for (TimeDate date : model.getModelElementsByType(TimeDate.class)) {
            if (date.getTextContent().contains("${")) {
                date.setTextContent(FAR_FUTURE);
            }
        }
        repository.createDeployment().name("benchmark skeleton")
                .addModelInstance("order-fulfillment-skeleton.bpmn", model).deploy();
    }

    /** What the steps before the wait leave behind for a backordered order. */
    static Map<String, Object> releaseVariables(String orderId) {
        return Map.of("orderId", orderId, "reservation", "SHORT", "orderComplete", true, "nextStep", "WAIT");
    }

    /** What validate, reserve, dispatch and check would leave behind for an in-stock order. */
    static Map<String, Object> happyPathVariables(String orderId) {
        return Map.of("orderId", orderId, "reservation", "FULL", "orderComplete", true, "nextStep", "DONE");
    }
}
