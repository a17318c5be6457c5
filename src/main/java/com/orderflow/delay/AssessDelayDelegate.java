package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_AssessDelay}: announces a delay when it is worth a notice, and sets
 * {@code delayNotices} (notices so far) and {@code waitedTooLong} (the order is older than
 * {@code orderflow.backorder.max-wait}, or has waited that long past the date ops last kept it
 * waiting for) for {@code Gateway_OpsDecisionNeeded}. It runs each time the order starts to wait, not
 * only when {@code EtaChanged} arrives: that message finds no order to wake while the order is busy (a
 * part shipping), and the ETA it announced must still reach the customer.
 */
@Component
public class AssessDelayDelegate implements JavaDelegate {

    private final DelayService delays;

    public AssessDelayDelegate(DelayService delays) {
        this.delays = delays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        DelayAssessment assessment = delays.assess(orderId, OpsDecision.eta(execution));
        execution.setVariable(OrderProcess.VAR_DELAY_NOTICES, assessment.notices());
        execution.setVariable(OrderProcess.VAR_WAITED_TOO_LONG, assessment.waitedTooLong());
    }
}
