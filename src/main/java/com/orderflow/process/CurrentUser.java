package com.orderflow.process;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is completing a task: a step runs within the completion, under the login of Tasklist or {@code /engine-rest}. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<String> of(DelegateExecution execution) {
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return Optional.ofNullable(current == null ? null : current.getUserId());
    }
}
