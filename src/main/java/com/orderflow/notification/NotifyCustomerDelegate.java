package com.orderflow.notification;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements the model's "Notify customer" tasks. The notice kind is an input parameter
 * ({@code noticeKind}) of the task, so designers choose it in the model. Shipment notices are
 * per shipment (none for a parcel a cancellation held back); other kinds once per order.
 */
@Component
public class NotifyCustomerDelegate implements JavaDelegate {

    static final String VAR_NOTICE_KIND = "noticeKind";

    private final CustomerNotifier notifier;

    public NotifyCustomerDelegate(CustomerNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeKind kind = NoticeKind.valueOf((String) execution.getVariable(VAR_NOTICE_KIND));
        boolean perShipment = kind == NoticeKind.SHIPPED || kind == NoticeKind.PARTIALLY_SHIPPED;
        notifier.notify((String) execution.getVariable(OrderProcess.VAR_ORDER_ID), kind,
                perShipment ? (String) execution.getVariable(OrderProcess.VAR_SHIPMENT_ID) : null);
    }
}
