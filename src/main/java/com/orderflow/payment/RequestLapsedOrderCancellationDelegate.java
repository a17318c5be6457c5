package com.orderflow.payment;

import com.orderflow.api.ConflictException;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.OrderService;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.TaskFormRefusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_RequestOrderCancellation} of {@code processes/authorization-renewal.bpmn}: ops
 * cancel an order whose payment authorisation lapsed, the way the API cancels. It runs in ops'
 * completion of the lapse task, so an order that can no longer be cancelled (a drop-ship supplier
 * delivered all of it meanwhile, and its capture waits for an authorisation) refuses the completion
 * with the reason, and the task stays open for ops to get the payment authorised again.
 */
@Component
public class RequestLapsedOrderCancellationDelegate implements JavaDelegate {

    private final OrderService orders;

    public RequestLapsedOrderCancellationDelegate(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            orders.requestCancellation((String) execution.getVariable(OrderProcess.VAR_ORDER_ID),
                    CancellationRequester.ops(execution));
        } catch (ConflictException notCancellable) {
            // A form validation error: Tasklist and /engine-rest answer it with 400, not as a server failure.
            throw TaskFormRefusal.refused(ReauthorizePaymentDelegate.VAR_LAPSE_DECISION, notCancellable.getMessage()
                    + ": get the payment authorised again instead");
        }
    }
}
