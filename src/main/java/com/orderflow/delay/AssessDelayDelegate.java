package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_AssessDelay}: announces a delay when it is worth a notice, and sets
 * {@code delayNotices} (notices so far) for the model.
 */
@Component
public class AssessDelayDelegate implements JavaDelegate {

    private final DelayService delays;

    public AssessDelayDelegate(DelayService delays) {
        this.delays = delays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int notices = delays.assess((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        execution.setVariable(OrderProcess.VAR_DELAY_NOTICES, notices);
    }
}
