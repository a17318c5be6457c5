package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_RescheduleOverdueBackorders}: the ETA passed without stock. */
@Component
public class RescheduleOverdueBackordersDelegate implements JavaDelegate {

    private final DelayService delays;

    public RescheduleOverdueBackordersDelegate(DelayService delays) {
        this.delays = delays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        delays.rescheduleOverdue((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
