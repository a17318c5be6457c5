package com.orderflow.process;

import com.orderflow.order.OrderRepository;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Wakes waiting orders: stock allocated, ETA changed, payment authorised again, cancellation requested. The correlation is handed to the engine as a batch: the request
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
        correlateAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED, orderIds);
    }

    /** The orders' ETAs moved: each assesses the delay (and may tell its customer) when it can. */
    public void etaChanged(Collection<String> orderIds) {
        correlateAsync(OrderProcess.MESSAGE_ETA_CHANGED, List.copyOf(orderIds));
    }

    /**
     * The order's payment, which had lapsed, is authorised again. It was held with its stock reserved,
     * so it is woken as a receipt wakes it: it checks what it can ship.
     */
    public void paymentAuthorizedAgain(String orderId) {
        correlateAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED, List.of(orderId));
    }

    public void cancelRequested(String orderId) {
        correlateAsync(OrderProcess.MESSAGE_CANCEL_ORDER, List.of(orderId));
    }

    private void correlateAsync(String message, List<String> orderIds) {
        for (int from = 0; from < orderIds.size(); from += 1000) {
            List<String> instances = orders.processInstanceIds(orderIds.subList(from, Math.min(orderIds.size(), from + 1000)));
            if (!instances.isEmpty()) {
                runtime.createMessageCorrelationAsync(message)
                        .processInstanceIds(instances)
                        .correlateAllAsync();
            }
        }
    }
}
