package com.orderflow.benchmark;

import com.orderflow.support.TestCatalog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many backordered orders waiting at once (default 100,000; {@code -Dbench.waiting=N}), each with its
 * message subscriptions, ETA timer and authorisation-renewal instance (seeded as {@link WaitingOrders}
 * describes): heap after GC, database size, and how late 1,000 ETA timers run when they fall due
 * together, with the job executor on. The timers' due dates are moved to one instant through
 * {@code ManagementService.setJobDuedate}; the lag runs from that instant to each job's success in the
 * engine's job log.
 */
@OrderflowBenchmark
class WaitingAtScaleBenchmarkTest {

    private static final int DUE_TOGETHER = 1000;

    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired TestCatalog catalog;
    @Autowired WaitingOrders waitingOrders;

    @Test
    void manyOrdersWaitingAndAThousandTimersFallingDueTogether() throws Exception {
        int size = Integer.getInteger("bench.waiting", 100_000);
        String sku = catalog.product("4.00", 0);
        String template = waitingOrders.placeTemplate("wait-", sku);
        WaitingOrders.Seeding seeding = waitingOrders.copyTemplate("wait-", size);
        long waiting = jdbc.sql("SELECT COUNT(*) FROM act_ru_event_subscr WHERE event_name_ = 'StockAllocated'")
                .query(Long.class).single();

        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long databaseBytes = jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
        TimerLag lag = timersFallDueTogether(Math.min(DUE_TOGETHER, size));

        new BenchmarkTable("waiting at scale", environment)
                .row("orders waiting", "%,d (%,d with a StockAllocated subscription)".formatted(size, waiting))
                .row("seeding", seeding.describe())
                .row("engine rows of an order, template / copy", waitingOrders.engineRows(template, "wait-" + (size - 1)))
                .figure("heap after GC", "%,d MiB".formatted(heap / (1024 * 1024)), "<= 1,024 MiB", heap <= 1024L * 1024 * 1024)
                .row("database size", "%,d MiB".formatted(databaseBytes / (1024 * 1024)))
                .row("timers due together", "%,d ETA timers".formatted(lag.count()))
                .figure("timer lag due -> executed", "p50 %s, max %s".formatted(BenchmarkTable.millis(lag.p50()),
                        BenchmarkTable.millis(lag.max())), "<= 10,000 ms", lag.max().toMillis() <= 10_000)
                .print();
    }

    /** Moves the ETA timers of {@code count} orders to one instant a little ahead and measures how late each ran. */
    private TimerLag timersFallDueTogether(int count) {
        List<String> instances = jdbc.sql("SELECT process_instance_id FROM orders WHERE id LIKE 'wait-%' ORDER BY id LIMIT ?")
                .param(count).query(String.class).list();
        List<Job> timers = new ArrayList<>();
        for (String instance : instances) {
            timers.addAll(management.createJobQuery().processInstanceId(instance).timers().activityId("Event_EtaPassed").list());
        }
        // Far enough ahead that moving every due date finishes first; the lag counts from this instant.
        Date due = Date.from(Instant.now().plusSeconds(30));
        for (Job timer : timers) {
            management.setJobDuedate(timer.getId(), due);
        }
        List<String> ids = timers.stream().map(Job::getId).toList();
        BenchmarkTable.awaitCondition(ids.size() + " timers to run", Duration.ofMinutes(30),
                () -> jdbc.sql("SELECT COUNT(DISTINCT job_id_) FROM act_hi_job_log WHERE job_id_ IN (:ids) AND job_state_ = 2")
                        .param("ids", ids).query(Long.class).single() >= ids.size());
        List<Long> lags = jdbc.sql("""
                        SELECT EXTRACT(EPOCH FROM (MAX(timestamp_) - :due)) * 1000 FROM act_hi_job_log
                        WHERE job_id_ IN (:ids) AND job_state_ = 2 GROUP BY job_id_ ORDER BY 1""")
                .param("due", due.toInstant().atOffset(ZoneOffset.UTC)).param("ids", ids)
                .query(Double.class).list().stream().map(Math::round).toList();
        return new TimerLag(lags.size(), Duration.ofMillis(lags.get(lags.size() / 2)),
                Duration.ofMillis(lags.get(lags.size() - 1)));
    }

    record TimerLag(int count, Duration p50, Duration max) {
    }
}
