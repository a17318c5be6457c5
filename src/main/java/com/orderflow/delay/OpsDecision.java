package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The date ops last kept the order waiting for (null: never), past which its wait counts again. */
final class OpsDecision {

    private OpsDecision() {
    }

    static Instant eta(VariableScope execution) {
        return execution.getVariable(OrderProcess.VAR_OPS_ETA) instanceof Date eta ? eta.toInstant() : null;
    }
}
