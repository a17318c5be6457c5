package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import com.orderflow.shipping.ShipmentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_CapturePayment}: captures the value of the shipment that just left. */
@Component
public class CapturePaymentDelegate implements JavaDelegate {

    private final PaymentService payments;
    private final ShipmentService shipments;

    public CapturePaymentDelegate(PaymentService payments, ShipmentService shipments) {
        this.payments = payments;
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        String shipmentId = (String) execution.getVariable(OrderProcess.VAR_SHIPMENT_ID);
        payments.capture(orderId, shipmentId, shipments.value(shipmentId));
    }
}
