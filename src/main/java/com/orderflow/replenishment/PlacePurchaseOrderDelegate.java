package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_PlacePurchaseOrder}. */
@Component
public class PlacePurchaseOrderDelegate implements JavaDelegate {

    private final PurchaseOrderService purchaseOrders;

    public PlacePurchaseOrderDelegate(PurchaseOrderService purchaseOrders) {
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        purchaseOrders.place((String) execution.getVariable(ReplenishmentProcess.VAR_PURCHASE_ORDER_ID));
    }
}
