package com.orderflow.shipping;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_DispatchShipment}. */
@Component
public class DispatchShipmentDelegate implements JavaDelegate {

    private final ShipmentService shipments;

    public DispatchShipmentDelegate(ShipmentService shipments) {
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean complete = shipments.dispatch((String) execution.getVariable(OrderProcess.VAR_ORDER_ID),
                (String) execution.getVariable(OrderProcess.VAR_SHIPMENT_ID));
        execution.setVariable(OrderProcess.VAR_ORDER_COMPLETE, complete);
    }
}
