package com.orderflow.backorder;

import com.orderflow.payment.AuthorizationRenewals;
import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_BackorderMissingStock}, and starts the renewal of the order's payment authorisation. */
@Component
public class BackorderMissingStockDelegate implements JavaDelegate {

    private final BackorderService backorders;
    private final AuthorizationRenewals renewals;

    public BackorderMissingStockDelegate(BackorderService backorders, AuthorizationRenewals renewals) {
        this.backorders = backorders;
        this.renewals = renewals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        backorders.backorderShortfall(orderId);
        // A backordered order may wait longer than its payment authorisation holds.
        renewals.start(orderId);
        execution.setVariable(OrderProcess.VAR_AUTHORIZATION_RENEWAL, true);
    }
}
