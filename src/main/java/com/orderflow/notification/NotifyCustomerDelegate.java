package com.orderflow.notification;

import com.orderflow.process.OrderProcess;
import com.orderflow.shipping.ShipmentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements the model's "Notify customer" tasks. The notice kind is an input parameter
 * ({@code noticeKind}) of the task, so designers choose it in the model. Shipment notices are
 * per shipment; other kinds once per order.
 */
@Component
public class NotifyCustomerDelegate implements JavaDelegate {

    static final String VAR_NOTICE_KIND = "noticeKind";

    private final CustomerNotifier notifier;
    private final ShipmentService shipments;

    public NotifyCustomerDelegate(CustomerNotifier notifier, ShipmentService shipments) {
        this.notifier = notifier;
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeKind kind = NoticeKind.valueOf((String) execution.getVariable(VAR_NOTICE_KIND));
        boolean perShipment = kind == NoticeKind.SHIPPED || kind == NoticeKind.PARTIALLY_SHIPPED;
        String shipmentId = (String) execution.getVariable(OrderProcess.VAR_SHIPMENT_ID);
        if (perShipment && !shipments.dispatched(shipmentId)) {
            // The parcel was held back by a cancellation: there is nothing to announce.
            return;
        }
        notifier.notify((String) execution.getVariable(OrderProcess.VAR_ORDER_ID), kind,
                perShipment ? (String) execution.getVariable(OrderProcess.VAR_SHIPMENT_ID) : null);
    }
}
