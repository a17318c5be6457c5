package com.orderflow.order;

import com.orderflow.process.OrderProcess;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_CheckShippableStock}; {@code Gateway_AnythingToShip} routes on its answer,
 * {@code Gateway_ParcelCollecting} on whether a partial parcel still collects a delivery.
 */
@Component
public class CheckShippableStockDelegate implements JavaDelegate {

    private final OrderProgress progress;

    public CheckShippableStockDelegate(OrderProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OrderProgress.Next next = progress.next((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        execution.setVariable(OrderProcess.VAR_NEXT_STEP, next.step().name());
        if (next.parcelClosesAt() != null) {
            execution.setVariable(OrderProcess.VAR_PARCEL_CLOSES_AT, Date.from(next.parcelClosesAt()));
        } else if (execution.hasVariable(OrderProcess.VAR_PARCEL_CLOSES_AT)) {
            // Only orders that collected a parcel carry it: the others' checks write no extra variable.
            execution.removeVariable(OrderProcess.VAR_PARCEL_CLOSES_AT);
        }
    }
}
