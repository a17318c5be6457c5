package com.orderflow.inventory;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_ReserveStock}; tells {@code Gateway_AllReserved} whether every line is covered. */
@Component
public class ReserveStockDelegate implements JavaDelegate {

    private final InventoryService inventory;

    public ReserveStockDelegate(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean allReserved = inventory.reserveAll((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        execution.setVariable(OrderProcess.VAR_ALL_RESERVED, allReserved);
        if (!allReserved) {
            execution.setVariable(OrderProcess.VAR_REJECT_REASON, "OUT_OF_STOCK");
        }
    }
}
