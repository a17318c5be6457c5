package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_RecordSupplierDelay}: goods overdue past the grace period. */
@Component
public class RecordSupplierDelayDelegate implements JavaDelegate {

    private final PurchaseOrderService purchaseOrders;

    public RecordSupplierDelayDelegate(PurchaseOrderService purchaseOrders) {
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        purchaseOrders.recordOverdue((String) execution.getVariable(ReplenishmentProcess.VAR_PURCHASE_ORDER_ID));
    }
}
