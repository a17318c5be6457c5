package com.orderflow.escalation;

import com.orderflow.process.OrderProcess;
import com.orderflow.process.RenewalProcess;
import com.orderflow.process.ReplenishmentProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Keeps open ops tasks within the {@code orderflow.ops.task-escalation} and {@code task-due} now configured.
 * Both are computed when the task is created (its due date) or its check is set (the "Task unclaimed" timer),
 * so after a restart with shorter ones the tasks already open reached {@code ops-leads}, and read as overdue
 * in Tasklist, on the old times, after tasks created later. At every start each pending check due later than
 * it was set plus the escalation now configured is brought forward to that, or to now when it has passed; each
 * open ops task due later than its creation plus {@code task-due} gets that due date (a past one shows the task
 * as overdue). Later checks follow the new cycle by themselves: the engine reads the cycle again each time it
 * is due ({@code reevaluateTimeCycleWhenDue}). None is moved later.
 */
@Component
public class OpsTaskSchedule extends WaitsBroughtForward {

    /** The "Task unclaimed" timers of the three ops tasks, by model. */
    static final List<String> ESCALATION_CHECKS =
            List.of(OrderProcess.EVENT_TASK_UNCLAIMED, RenewalProcess.EVENT_LAPSE_TASK_UNCLAIMED,
                    ReplenishmentProcess.EVENT_CHASE_TASK_UNCLAIMED);
    static final String[] OPS_TASKS = {OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER,
            RenewalProcess.TASK_RESOLVE_LAPSED_AUTHORIZATION, ReplenishmentProcess.TASK_CHASE_SUPPLIER};

    private final TaskService tasks;
    private final OpsSettings settings;

    public OpsTaskSchedule(ManagementService management, TaskService tasks, OpsSettings settings, Clock clock) {
        super(management, clock);
        this.tasks = tasks;
        this.settings = settings;
    }

    @Override
    protected int bringForward(Instant now) {
        int moved = 0;
        for (String check : ESCALATION_CHECKS) {
            moved += bringTimersForward(check, job -> setAt(job).map(set -> set.plus(settings.getTaskEscalation())), now);
        }
        for (Task task : tasks.createTaskQuery().taskDefinitionKeyIn(OPS_TASKS).list()) {
            Instant due = task.getCreateTime().toInstant().plus(settings.getTaskDue());
            if (task.getDueDate() != null && task.getDueDate().toInstant().isAfter(due.plus(TOLERANCE))) {
                task.setDueDate(Date.from(due));
                tasks.saveTask(task);
                moved++;
            }
        }
        return moved;
    }

    @Override
    protected String waits() {
        return "open ops tasks' checks and due dates";
    }

    @Override
    protected String setting() {
        return "orderflow.ops.task-escalation " + settings.getTaskEscalation() + " and task-due " + settings.getTaskDue();
    }
}
