package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_CancelPurchaseOrder}: a withdrawn drop-ship purchase order is cancelled with its supplier. */
@Component
public class CancelPurchaseOrderDelegate implements JavaDelegate {

    private final PurchaseOrderService purchaseOrders;

    public CancelPurchaseOrderDelegate(PurchaseOrderService purchaseOrders) {
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        purchaseOrders.cancelWithSupplier((String) execution.getVariable(ReplenishmentProcess.VAR_PURCHASE_ORDER_ID));
    }
}
