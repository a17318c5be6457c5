package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import java.time.Instant;
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
        Instant opsEta = OpsDecision.eta(execution);
        DelayAssessment assessment = delays.assess(orderId, opsEta);
        execution.setVariable(OrderProcess.VAR_DELAY_NOTICES, assessment.notices());
        if (opsEta != null && opsEta.equals(assessment.announced())) {
            // The notice telling the customer ops' own date is their decision, not a slip: the order goes back to
            // ops after max-delays slips past that date. Counted as one, max-delays 1 sent every order ops kept
            // waiting straight back to them, and no order could be kept waiting at all.
            execution.setVariable(OrderProcess.VAR_DELAY_NOTICES_AT_DECISION, assessment.notices());
        }
        execution.setVariable(OrderProcess.VAR_WAITED_TOO_LONG, assessment.waitedTooLong());
    }
}
