package com.orderflow.payment;

import com.orderflow.process.OrderProcess;
import com.orderflow.shipping.ShipmentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_VoidAuthorization} and {@code Task_VoidAuthorizationOnCancel}: releases the
 * money an order will not need. Parcels that left without being charged (their "Capture payment" was
 * interrupted by the cancellation) are captured first, so the release never gives away goods shipped.
 */
@Component
public class VoidAuthorizationDelegate implements JavaDelegate {

    private final PaymentService payments;
    private final ShipmentService shipments;

    public VoidAuthorizationDelegate(PaymentService payments, ShipmentService shipments) {
        this.payments = payments;
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        for (String shipmentId : shipments.dispatchedUncaptured(orderId)) {
            payments.capture(orderId, shipmentId, shipments.value(shipmentId));
        }
        payments.voidOpenAuthorization(orderId);
    }
}
