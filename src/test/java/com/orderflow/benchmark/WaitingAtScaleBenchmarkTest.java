package com.orderflow.benchmark;

import com.orderflow.support.TestCatalog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
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
 *
 * <p>The seeded orders never ran the path after "ETA passed" (the delay steps, checking the stock,
 * waiting again), so the first burst also compiles that path, which a running service has long
 * compiled. A first burst of other orders' timers ({@code -Dbench.timers.warmup=1000}; 0: none) runs
 * before the measured one; both are printed, each with the JIT time and CPU it took.
 *
 * <p>A timer falls due because the ETA passed, so the orders' backorder ETAs move to the due instant
 * with their timers, and the first promise to {@code -Dbench.timers.promised-before=P7D} before it:
 * each timer then moves its order's ETA a step ahead and, that step being past the silent delay
 * after the promise, announces the delay (a rendered notice in the outbox). {@code P0D} measures an
 * ETA's first pass, which moves the ETA and announces nothing. Before the twelfth round only the
 * timers moved, and the delay steps found nothing to do.
 */
@OrderflowBenchmark
class WaitingAtScaleBenchmarkTest {

    private static final int DUE_TOGETHER = 1000;

    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired TestCatalog catalog;
    @Autowired WaitingOrders waitingOrders;

    private final CpuMeter cpu = new CpuMeter();

    @Test
    void manyOrdersWaitingAndAThousandTimersFallingDueTogether() throws Exception {
        int size = Integer.getInteger("bench.waiting", 100_000);
        int measured = Math.min(DUE_TOGETHER, size);
        int warmup = Math.min(Integer.getInteger("bench.timers.warmup", DUE_TOGETHER), size - measured);
        String sku = catalog.product("4.00", 0);
        String template = waitingOrders.placeTemplate("wait-", sku);
        WaitingOrders.Seeding seeding = waitingOrders.copyTemplate("wait-", size);
        long waiting = jdbc.sql("SELECT COUNT(*) FROM act_ru_event_subscr WHERE event_name_ = 'StockAllocated'")
                .query(Long.class).single();

        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long databaseBytes = jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
        List<WaitingOrder> orders = jdbc.sql("SELECT id, process_instance_id FROM orders WHERE id LIKE 'wait-%' ORDER BY id LIMIT ?")
                .param(measured + warmup).query(WaitingOrder.class).list();
        Period promisedBefore = Period.parse(System.getProperty("bench.timers.promised-before", "P7D"));
        TimerBurst first = warmup > 0 ? timersFallDueTogether(orders.subList(measured, measured + warmup), promisedBefore) : null;
        TimerBurst lag = timersFallDueTogether(orders.subList(0, measured), promisedBefore);

        BenchmarkTable table = new BenchmarkTable("waiting at scale", environment)
                .row("orders waiting", "%,d (%,d with a StockAllocated subscription)".formatted(size, waiting))
                .row("seeding", seeding.describe())
                .row("engine rows of an order, template / copy", waitingOrders.engineRows(template, "wait-" + (size - 1)))
                .figure("heap after GC", "%,d MiB".formatted(heap / (1024 * 1024)), "<= 1,024 MiB", heap <= 1024L * 1024 * 1024)
                .row("database size", "%,d MiB".formatted(databaseBytes / (1024 * 1024)));
        if (first != null) {
            table.row("first burst, the path still compiling: timer lag", first.describe());
        }
        table.row("timers due together", "%,d ETA timers%s; their backorders' ETAs moved to the due instant, first promised %s before it (%s)"
                        .formatted(lag.count(), first == null ? "" : " of other orders, after the first burst", promisedBefore,
                                lag.notices() == lag.count() ? "each announces its delay" : lag.notices() + " delay notices"))
                .figure("timer lag due -> executed", lag.describe(), "<= 10,000 ms", lag.max().toMillis() <= 10_000)
                .print();
    }

    /**
     * Lets the ETAs of the given orders pass at one instant a little ahead (their timers and their
     * backorders' ETAs) and measures how late each timer ran.
     */
    private TimerBurst timersFallDueTogether(List<WaitingOrder> orders, Period promisedBefore) {
        // A burst starts on an idle job executor: whatever the last one left behind has run.
        BenchmarkTable.awaitCondition("no due jobs", Duration.ofMinutes(10), () -> jdbc.sql(
                        "SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 AND (duedate_ IS NULL OR duedate_ <= now())")
                .query(Long.class).single() == 0);
        List<Job> timers = new ArrayList<>();
        for (WaitingOrder order : orders) {
            timers.addAll(management.createJobQuery().processInstanceId(order.processInstanceId()).timers()
                    .activityId("Event_EtaPassed").list());
        }
        // Far enough ahead that moving every due date finishes first; the lag counts from this instant.
        Date due = Date.from(Instant.now().plusSeconds(30));
        OffsetDateTime dueAt = due.toInstant().atOffset(ZoneOffset.UTC);
        List<String> ids = orders.stream().map(WaitingOrder::id).toList();
        jdbc.sql("UPDATE backorder SET eta = :due WHERE order_id IN (:ids) AND status = 'OPEN'")
                .param("due", dueAt).param("ids", ids).update();
        jdbc.sql("UPDATE orders SET first_promised_eta = :promised WHERE id IN (:ids)")
                .param("promised", dueAt.minus(promisedBefore)).param("ids", ids).update();
        long noticesBefore = delayNotices(ids);
        for (Job timer : timers) {
            management.setJobDuedate(timer.getId(), due);
        }
        // JIT and CPU count from the due instant; until then the node only polls.
        try {
            Thread.sleep(Math.max(0, due.getTime() - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for the timers' due instant", e);
        }
        CpuMeter.Reading cpuBefore = cpu.read();
        List<String> jobs = timers.stream().map(Job::getId).toList();
        BenchmarkTable.awaitCondition(jobs.size() + " timers to run", Duration.ofMinutes(30),
                () -> jdbc.sql("SELECT COUNT(DISTINCT job_id_) FROM act_hi_job_log WHERE job_id_ IN (:jobs) AND job_state_ = 2")
                        .param("jobs", jobs).query(Long.class).single() >= jobs.size());
        CpuMeter.Reading cpuAfter = cpu.read();
        String cpuPerTimer = cpuAfter.perUnitSince(cpuBefore, jobs.size());
        Duration compiling = cpuAfter.compilingSince(cpuBefore);
        List<Long> lags = jdbc.sql("""
                        SELECT EXTRACT(EPOCH FROM (MAX(timestamp_) - :due)) * 1000 FROM act_hi_job_log
                        WHERE job_id_ IN (:jobs) AND job_state_ = 2 GROUP BY job_id_ ORDER BY 1""")
                .param("due", dueAt).param("jobs", jobs)
                .query(Double.class).list().stream().map(Math::round).toList();
        // Each order had its ETA moved by the step and, past the silent delay, a notice queued.
        long etasMoved = jdbc.sql("SELECT COUNT(*) FROM backorder WHERE order_id IN (:ids) AND eta > :due")
                .param("ids", ids).param("due", dueAt).query(Long.class).single();
        if (etasMoved < ids.size()) {
            throw new AssertionError("Only " + etasMoved + " of " + ids.size() + " orders had their passed ETA moved");
        }
        return new TimerBurst(lags.size(), Duration.ofMillis(lags.get(lags.size() / 2)),
                Duration.ofMillis(lags.get(lags.size() - 1)), compiling, cpuPerTimer, delayNotices(ids) - noticesBefore);
    }

    private long delayNotices(List<String> orderIds) {
        return jdbc.sql("SELECT COALESCE(SUM(delay_notices), 0) FROM orders WHERE id IN (:ids)")
                .param("ids", orderIds).query(Long.class).single();
    }

    record WaitingOrder(String id, String processInstanceId) {
    }

    record TimerBurst(int count, Duration p50, Duration max, Duration compiling, String cpuPerTimer, long notices) {

        String describe() {
            return "p50 %s, max %s (JIT %s; CPU per timer: %s; %,d delay notices)".formatted(BenchmarkTable.millis(p50),
                    BenchmarkTable.millis(max), BenchmarkTable.millis(compiling), cpuPerTimer, notices);
        }
    }
}
