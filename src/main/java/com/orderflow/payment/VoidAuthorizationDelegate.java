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
 * for an order held since its renewal was refused, they are while its authorisation still holds (the renewal
 * margin), and left unpaid for ops to collect once it lapsed. A capture the provider refuses leaves its parcel unpaid
 * too ({@link PaymentService#capture}).
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
        Order order = orders.find(orderId).orElseThrow();
        boolean held = order.paymentLapsed();
        // Until it lapses, a held order's authorisation is still good: a parcel left unpaid then was money ops had
        // to chase that the provider would have paid, as it does for a parcel under way at the refusal.
        boolean holds = payments.authorizationHolds(orderId);
        boolean chargeable = !held || holds;
        for (String shipmentId : shipments.dispatchedUncaptured(orderId)) {
            if (chargeable) {
                payments.capture(orderId, shipmentId, shipments.value(shipmentId));
            } else {
                payments.leaveUnpaid(orderId, shipmentId, shipments.value(shipmentId));
            }
        }
        // Past its validity (a dispatch that waited out an outage) the provider's refusal to release it is a lapse too.
        // Every cancellation is recorded as requested before it starts; an order released otherwise was rejected.
        payments.voidOpenAuthorization(orderId, held || !holds,
                order.cancelRequested() ? "the order was cancelled" : "the order was rejected");
    }
}
