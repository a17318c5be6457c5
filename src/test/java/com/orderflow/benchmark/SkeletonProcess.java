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

/**
 * The order-fulfillment model with every delegate replaced by {@code ${true}}: same elements, same
 * save points, same event subscriptions, no work. Derived from the real model when the benchmark
 * runs, so it cannot drift from it. The gateways read the variables the delegates would have set,
 * which {@link #happyPathVariables} supplies up front.
 */
final class SkeletonProcess {

    static final String KEY = "orderFulfillmentSkeleton";

    private SkeletonProcess() {
    }

    static void deploy(RepositoryService repository) {
        BpmnModelInstance model;
        try (InputStream real = SkeletonProcess.class.getClassLoader().getResourceAsStream("processes/order-fulfillment.bpmn")) {
            model = Bpmn.readModelFromStream(real);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        process.setId(KEY);
        process.setName("Order fulfillment skeleton (benchmark)");
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            task.setCamundaExpression("${true}");
        }
        repository.createDeployment().name("benchmark skeleton")
                .addModelInstance("order-fulfillment-skeleton.bpmn", model).deploy();
    }

    /** What validate, reserve, dispatch and check would leave behind for an in-stock order. */
    static Map<String, Object> happyPathVariables(String orderId) {
        return Map.of("orderId", orderId, "reservation", "FULL", "orderComplete", true, "nextStep", "DONE");
    }
}
