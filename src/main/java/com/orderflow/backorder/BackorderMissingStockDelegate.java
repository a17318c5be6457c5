package com.orderflow.backorder;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_BackorderMissingStock}. */
@Component
public class BackorderMissingStockDelegate implements JavaDelegate {

    private final BackorderService backorders;

    public BackorderMissingStockDelegate(BackorderService backorders) {
        this.backorders = backorders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        backorders.backorderShortfall((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
