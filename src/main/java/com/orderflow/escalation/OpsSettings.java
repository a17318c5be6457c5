package com.orderflow.escalation;

import com.orderflow.api.DurationText;
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

    /** How soon ops should have decided: each ops task is due this long after it was created. */
    private Duration taskDue = Duration.ofDays(1);

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

    public Duration getTaskDue() {
        return taskDue;
    }

    public void setTaskDue(Duration taskDue) {
        if (taskDue == null || taskDue.isNegative() || taskDue.isZero()) {
            throw new IllegalArgumentException("orderflow.ops.task-due must be positive");
        }
        this.taskDue = taskDue;
    }

    /**
     * The tasks' {@code camunda:dueDate}: the engine takes an ISO-8601 period, as text, relative to the
     * task's creation. Tasklist shows it, sorts by it and marks a task past it as overdue.
     */
    public String getTaskDuePeriod() {
        return taskDue.toString();
    }

    /** As the task's description names it for ops: "1 day", not the period's "PT24H". */
    public String getTaskDueInWords() {
        return DurationText.inWords(taskDue);
    }

    /** As the task's description names it for ops: "8 hours", not "PT8H". */
    public String getTaskEscalationInWords() {
        return DurationText.inWords(taskEscalation);
    }

    public int getEscalatedPriority() {
        return escalatedPriority;
    }

    public void setEscalatedPriority(int escalatedPriority) {
        this.escalatedPriority = escalatedPriority;
    }
}
