package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A supplier's shortened batching window, or lowered minimum (see {@link #minimumLowered}), reaches the batch it
 * is collecting. The window's close is set when the batch opens; a merchant who shortened the window (the supplier
 * now ships twice a week) saw the open batch wait out the old one, and every order joining it promised the old
 * window's date. The batch now closes at its opening plus the new window, or at once when that has passed; its
 * timer moves with it. A longer window changes no open batch: its orders were promised the earlier date.
 */
@Component
public class BatchingWindows {

    static final String WINDOW_TIMER = ReplenishmentProcess.EVENT_WINDOW_CLOSED;

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final Clock clock;

    public BatchingWindows(JdbcClient jdbc, ManagementService management, RuntimeService runtime, Clock clock) {
        this.jdbc = jdbc;
        this.management = management;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Answers how many of the supplier's collecting batches close earlier now. Runs in the caller's transaction. */
    public int shorten(String supplierId, Duration window) {
        Instant now = clock.instant();
        int moved = 0;
        for (Collecting batch : collecting(supplierId)) {
            Instant closes = batch.opened().plus(window);
            Instant target = closes.isBefore(now) ? now : closes;
            if (!batch.closes().isAfter(target)) {
                continue;
            }
            jdbc.sql("UPDATE purchase_order SET window_closes_at = ? WHERE id = ? AND status = 'COLLECTING'")
                    .params(target.atOffset(ZoneOffset.UTC), batch.id()).update();
            if (batch.processInstanceId() != null) {
                List<Job> timers = management.createJobQuery().processInstanceId(batch.processInstanceId())
                        .activityId(WINDOW_TIMER).list();
                timers.forEach(timer -> management.setJobDuedate(timer.getId(), Date.from(target)));
            }
            moved++;
        }
        return moved;
    }

    /**
     * A supplier's lowered {@code minOrderQuantity} reaches the batch it is collecting: a batch whose demand
     * now reaches the minimum is placed at once, as it is when new demand reaches it. It waited for more demand
     * or for its window instead. Answers how many batches it placed; runs in the caller's transaction.
     */
    public int minimumLowered(String supplierId, int minimum) {
        int reached = 0;
        for (Collecting batch : collecting(supplierId)) {
            int demand = jdbc.sql("SELECT COALESCE(SUM(quantity), 0) FROM purchase_order_line WHERE purchase_order_id = ?")
                    .param(batch.id()).query(Integer.class).single();
            if (demand >= minimum && demand > 0 && batch.processInstanceId() != null
                    && !runtime.createMessageCorrelation(ReplenishmentProcess.MESSAGE_MINIMUM_REACHED)
                    .processInstanceId(batch.processInstanceId()).correlateAllWithResult().isEmpty()) {
                reached++;
            }
        }
        return reached;
    }

    private List<Collecting> collecting(String supplierId) {
        return jdbc.sql("""
                        SELECT id, created_at, window_closes_at, process_instance_id FROM purchase_order
                        WHERE supplier_id = ? AND status = 'COLLECTING' AND window_closes_at IS NOT NULL FOR UPDATE""")
                .param(supplierId)
                .query((rs, n) -> new Collecting(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("window_closes_at", OffsetDateTime.class).toInstant(), rs.getString("process_instance_id")))
                .list();
    }

    private record Collecting(String id, Instant opened, Instant closes, String processInstanceId) {
    }
}
