package com.orderflow.shipping;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_PickAndPack}; names the packed shipment for the steps after it. */
@Component
public class PickAndPackDelegate implements JavaDelegate {

    private final ShipmentService shipments;

    public PickAndPackDelegate(ShipmentService shipments) {
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String shipmentId = shipments.pack((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        execution.setVariable(OrderProcess.VAR_SHIPMENT_ID, shipmentId);
    }
}
