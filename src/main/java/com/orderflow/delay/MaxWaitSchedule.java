package com.orderflow.delay;

import com.orderflow.process.OrderProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps waiting orders within the {@code orderflow.backorder.max-wait} now configured. An order's "ETA passed"
 * timer is computed when it starts to wait ({@link BackorderWait}): at its ETA, or on the day it will have
 * waited too long. After a restart with a shorter max-wait, an order already waiting reached ops only at its
 * old timer, after orders placed later. At every start each waiting order not yet with ops whose timer lies
 * past the day it now waits too long is brought forward to that day, or to now when it has passed: the timer
 * then finds the order waited too long and ops decide. A longer max-wait needs nothing: the earlier timer
 * fires, finds the order within it, and sets the next one by the new setting.
 */
@Component
public class MaxWaitSchedule extends WaitsBroughtForward {

    private static final String ETA_TIMER = OrderProcess.EVENT_ETA_PASSED;

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final DelayService delays;
    private final DelaySettings settings;

    public MaxWaitSchedule(JdbcClient jdbc, ManagementService management, RuntimeService runtime, DelayService delays,
                           DelaySettings settings, Clock clock) {
        super(management, clock);
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.delays = delays;
        this.settings = settings;
    }

    @Override
    protected int bringForward(Instant now) {
        int moved = 0;
        for (Waiting order : waiting()) {
            // Only a timer past the new bar can have been set by a longer one; the others are spared the reads.
            if (!order.due().isAfter(delays.tooLongAt(order.placed(), null).plus(TOLERANCE))
                    || Boolean.TRUE.equals(runtime.getVariable(order.executionId(), OrderProcess.VAR_DELAY_ESCALATED))) {
                continue;
            }
            Instant opsEta = runtime.getVariable(order.executionId(), OrderProcess.VAR_OPS_ETA) instanceof Date eta
                    ? eta.toInstant() : null;
            Instant tooLongAt = delays.tooLongAt(order.placed(), opsEta);
            if (moveEarlier(order.jobId(), order.due(), tooLongAt, now)) {
                moved++;
            }
        }
        return moved;
    }

    @Override
    protected String waits() {
        return "waiting orders' checks";
    }

    @Override
    protected String setting() {
        return "orderflow.backorder.max-wait " + settings.getMaxWait();
    }

    /** Waiting orders' "ETA passed" timers (not one being run), with when the order was placed. */
    private List<Waiting> waiting() {
        return jdbc.sql("""
                        SELECT j.ID_ AS job_id, j.EXECUTION_ID_ AS execution_id, j.DUEDATE_ AS due,
                               o.created_at AS placed
                        FROM ACT_RU_JOB j
                        JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_
                        JOIN ACT_RU_EXECUTION i ON i.ID_ = j.PROCESS_INSTANCE_ID_
                        JOIN orders o ON o.id = i.BUSINESS_KEY_
                        WHERE d.ACT_ID_ = ? AND d.PROC_DEF_KEY_ = ? AND j.LOCK_OWNER_ IS NULL AND j.DUEDATE_ IS NOT NULL""")
                .params(ETA_TIMER, OrderProcess.KEY)
                .query((rs, n) -> new Waiting(rs.getString("job_id"), rs.getString("execution_id"),
                        rs.getTimestamp("due").toInstant(),
                        rs.getObject("placed", OffsetDateTime.class).toInstant()))
                .list();
    }

    private record Waiting(String jobId, String executionId, Instant due, Instant placed) {
    }
}
