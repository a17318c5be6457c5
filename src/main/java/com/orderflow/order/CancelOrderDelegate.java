package com.orderflow.order;

import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Implements {@code Task_CancelOrder}, after the compensation of every completed step. */
@Component
public class CancelOrderDelegate implements JavaDelegate {

    private final OrderProgress progress;

    public CancelOrderDelegate(OrderProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.cancel((String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
    }
}
