package com.orderflow.payment;

import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.shipping.ShipmentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_VoidAuthorization} and {@code Task_VoidAuthorizationOnCancel}: releases the
 * money an order will not need. Parcels that left without being charged (their "Capture payment" was
 * interrupted by the cancellation) are captured first, so the release never gives away goods shipped;
 * for an order held for a lapsed authorisation they are left unpaid for ops to collect instead.
 */
@Component
public class VoidAuthorizationDelegate implements JavaDelegate {

    private final PaymentService payments;
    private final ShipmentService shipments;
    private final OrderRepository orders;

    public VoidAuthorizationDelegate(PaymentService payments, ShipmentService shipments, OrderRepository orders) {
        this.payments = payments;
        this.shipments = shipments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        // A held order's authorisation is one the provider would refuse to capture on (see PaymentService.lapse).
        boolean lapsed = orders.find(orderId).map(Order::paymentLapsed).orElse(false);
        for (String shipmentId : shipments.dispatchedUncaptured(orderId)) {
            if (lapsed) {
                payments.leaveUnpaid(orderId, shipmentId, shipments.value(shipmentId));
            } else {
                payments.capture(orderId, shipmentId, shipments.value(shipmentId));
            }
        }
        payments.voidOpenAuthorization(orderId, lapsed);
    }
}
