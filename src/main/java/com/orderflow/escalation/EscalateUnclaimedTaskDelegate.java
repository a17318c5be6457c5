package com.orderflow.escalation;

import com.orderflow.api.DurationText;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import com.orderflow.security.IdentitySetup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Implements the models' "Escalate unclaimed task" steps: the ops task named by the step's input
 * parameter {@code escalatedTask} (its task id in the model), if nobody claimed it in time, is offered
 * to {@code ops-leads} too and moves up in priority. A claimed task is being worked on: left alone.
 */
@Component
public class EscalateUnclaimedTaskDelegate implements JavaDelegate {

    static final String VAR_ESCALATED_TASK = "escalatedTask";
    /** The history's operation type of an identity link removed, here an assignee: the engine names it so. */
    private static final String ASSIGNEE_REMOVED = "delete";

    private final TaskService tasks;
    private final HistoryService history;
    private final Timeline timeline;
    private final OpsSettings settings;
    private final Clock clock;

    public EscalateUnclaimedTaskDelegate(TaskService tasks, HistoryService history, Timeline timeline, OpsSettings settings,
                                         Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Task task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey((String) execution.getVariable(VAR_ESCALATED_TASK)).singleResult();
        if (task == null || task.getAssignee() != null) {
            return;
        }
        boolean offered = tasks.getIdentityLinksForTask(task.getId()).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                        && IdentitySetup.OPS_LEADS.equals(link.getGroupId()));
        if (!offered) {
            tasks.addCandidateGroup(task.getId(), IdentitySetup.OPS_LEADS);
        }
        if (task.getPriority() < settings.getEscalatedPriority()) {
            tasks.setPriority(task.getId(), settings.getEscalatedPriority());
        }
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        if (orderId == null) {
            // A purchase order's task ("Chase supplier"): no order's timeline to tell.
            return;
        }
        // How long it really lay unclaimed: a designer may have given the model's timer a value of its own,
        // and a task someone claimed and gave back has lain unclaimed since then, not since it was created.
        Duration unclaimed = Duration.between(unclaimedSince(task), clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", IdentitySetup.OPS_LEADS, "task", task.getName(),
                "reason", "unclaimed for " + DurationText.inWords(unclaimed)), "escalated-unclaimed:" + task.getId());
    }

    /** When the task was last given back (history level full keeps each change of assignee), else created. */
    private Instant unclaimedSince(Task task) {
        return history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type(IdentityLinkType.ASSIGNEE)
                .operationType(ASSIGNEE_REMOVED).orderByTime().desc().listPage(0, 1).stream()
                .map(given -> given.getTime().toInstant())
                .filter(given -> given.isAfter(task.getCreateTime().toInstant()))
                .findFirst().orElse(task.getCreateTime().toInstant());
    }
}
