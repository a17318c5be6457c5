package com.orderflow.inventory;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_ReleaseStockReservation}, compensating {@code Task_ReserveStock}. */
@Component
public class ReleaseStockReservationDelegate implements JavaDelegate {

    private final InventoryService inventory;

    public ReleaseStockReservationDelegate(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        inventory.release((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
