package com.orderflow.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Ops task settings ({@code orderflow.ops.*}) read by the model, e.g. {@code ${opsSettings.taskEscalationCycle}}. */
@Component("opsSettings")
@ConfigurationProperties(prefix = "orderflow.ops")
public class OpsSettings {

    /** An ops task nobody claimed for this long goes to {@code ops-leads} with a higher priority. */
    private Duration taskEscalation = Duration.ofHours(8);

    /** The priority an escalated task gets at least (Camunda's default is 50). */
    private int escalatedPriority = 80;

    public Duration getTaskEscalation() {
        return taskEscalation;
    }

    public void setTaskEscalation(Duration taskEscalation) {
        if (taskEscalation == null || taskEscalation.isNegative() || taskEscalation.isZero()) {
            throw new IllegalArgumentException("orderflow.ops.task-escalation must be positive");
        }
        this.taskEscalation = taskEscalation;
    }

    /**
     * The timer's ISO-8601 cycle (the engine reads text, not a {@link Duration}): the check repeats every
     * period while the task is open. A task claimed when the check ran, then given back unclaimed, was
     * never offered to ops-leads: one check was all it got.
     */
    public String getTaskEscalationCycle() {
        return "R/" + taskEscalation;
    }

    public int getEscalatedPriority() {
        return escalatedPriority;
    }

    public void setEscalatedPriority(int escalatedPriority) {
        this.escalatedPriority = escalatedPriority;
    }
}
