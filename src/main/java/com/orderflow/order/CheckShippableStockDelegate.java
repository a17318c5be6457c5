package com.orderflow.order;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_CheckShippableStock}; {@code Gateway_AnythingToShip} routes on its answer. */
@Component
public class CheckShippableStockDelegate implements JavaDelegate {

    private final OrderProgress progress;

    public CheckShippableStockDelegate(OrderProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OrderProgress.NextStep next = progress.nextStep((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        execution.setVariable(OrderProcess.VAR_NEXT_STEP, next.name());
    }
}
