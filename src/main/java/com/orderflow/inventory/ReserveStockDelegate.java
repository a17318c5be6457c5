package com.orderflow.inventory;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_ReserveStock}; tells {@code Gateway_BackorderNeeded} how the reservation went. */
@Component
public class ReserveStockDelegate implements JavaDelegate {

    private final InventoryService inventory;

    public ReserveStockDelegate(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Reservation reservation = inventory.reserve(orderId);
        execution.setVariable(OrderProcess.VAR_RESERVATION, reservation.name());
        if (reservation == Reservation.DENIED) {
            execution.setVariable(OrderProcess.VAR_REJECT_REASON, "BACKORDER_NOT_ALLOWED");
            execution.setVariable(OrderProcess.VAR_REJECT_DETAIL, inventory.refusal(orderId));
        }
    }
}
