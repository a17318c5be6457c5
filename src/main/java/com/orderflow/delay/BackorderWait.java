package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Read by the order model's timer {@code Event_EtaPassed} ({@code ${backorderWait.etaPassedAt(execution)}}):
 * the wait for stock ends at the order's earliest open ETA (each line's date is looked at when it comes), or
 * earlier on the day an order not yet escalated reaches max-wait. The model evaluates it each time the order
 * starts waiting again, so a moved ETA moves the timer too.
 */
@Component("backorderWait")
public class BackorderWait {

    private final DelayService delays;

    public BackorderWait(DelayService delays) {
        this.delays = delays;
    }

    public Date etaPassedAt(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        boolean escalated = Boolean.TRUE.equals(execution.getVariable(OrderProcess.VAR_DELAY_ESCALATED));
        return Date.from(delays.waitUntil(orderId, !escalated, OpsDecision.eta(execution)));
    }
}
