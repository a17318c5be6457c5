package com.orderflow.order;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_ValidateOrder}: the API checked the request; this checks that the order
 * can still be fulfilled as placed (products still sold, one currency, still open).
 */
@Component
public class ValidateOrderDelegate implements JavaDelegate {

    private final OrderRepository orders;

    public ValidateOrderDelegate(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!orders.fulfillableAsPlaced((String) execution.getVariable(OrderProcess.VAR_ORDER_ID))) {
            execution.setVariable(OrderProcess.VAR_REJECT_REASON, "INVALID_ORDER");
            execution.setVariable(OrderProcess.VAR_REJECT_DETAIL,
                    "a line's product is gone or now priced in another currency than the order, or the order is no longer open");
            throw new BpmnError(OrderProcess.ERROR_ORDER_INVALID, "order cannot be fulfilled as placed");
        }
    }
}
