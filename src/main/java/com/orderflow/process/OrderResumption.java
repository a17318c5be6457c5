package com.orderflow.process;

import com.orderflow.order.OrderRepository;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Wakes orders waiting for stock. The correlation is handed to the engine as a batch: the request
 * that freed the stock returns at once, and the job executor (of every node) resumes the orders.
 * An order not waiting when its job runs is not harmed: it checks its stock before it waits.
 */
@Component
public class OrderResumption {

    private final RuntimeService runtime;
    private final OrderRepository orders;

    public OrderResumption(RuntimeService runtime, OrderRepository orders) {
        this.runtime = runtime;
        this.orders = orders;
    }

    public void stockAllocated(List<String> orderIds) {
        for (int from = 0; from < orderIds.size(); from += 1000) {
            List<String> instances = orders.processInstanceIds(orderIds.subList(from, Math.min(orderIds.size(), from + 1000)));
            if (!instances.isEmpty()) {
                runtime.createMessageCorrelationAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED)
                        .processInstanceIds(instances)
                        .correlateAllAsync();
            }
        }
    }
}
