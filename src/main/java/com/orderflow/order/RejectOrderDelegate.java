package com.orderflow.order;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_RejectOrder}: ends the order as {@code REJECTED} with the reason (and detail) the path set. */
@Component
public class RejectOrderDelegate implements JavaDelegate {

    private final OrderProgress progress;

    public RejectOrderDelegate(OrderProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reason = execution.getVariable(OrderProcess.VAR_REJECT_REASON);
        progress.reject((String) execution.getVariable(OrderProcess.VAR_ORDER_ID),
                reason == null ? "UNSPECIFIED" : reason.toString(), (String) execution.getVariable(OrderProcess.VAR_REJECT_DETAIL));
    }
}
