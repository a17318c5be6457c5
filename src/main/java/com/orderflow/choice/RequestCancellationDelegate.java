package com.orderflow.choice;

import com.orderflow.api.ConflictException;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.OrderService;
import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_RequestCancellation}: the customer cancels from a delay notice; and
 * {@code Task_RequestCancellationForOps}, ops cancel a delayed order. Takes the same way as a cancel
 * from the API (recorded under the order's lock, then message CancelOrder). The task's input parameter
 * {@code requestedBy} ({@code CUSTOMER} or {@code OPS}) says whose wish the timeline records.
 */
@Component
public class RequestCancellationDelegate implements JavaDelegate {

    static final String VAR_REQUESTED_BY = "requestedBy";

    private final OrderService orders;

    public RequestCancellationDelegate(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            orders.requestCancellation((String) execution.getVariable(OrderProcess.VAR_ORDER_ID),
                    "OPS".equals(execution.getVariable(VAR_REQUESTED_BY))
                            ? CancellationRequester.ops(execution) : CancellationRequester.customer());
        } catch (ConflictException shippedMeanwhile) {
            // Nothing is left to cancel: the order shipped in full before the choice arrived.
        }
    }
}
