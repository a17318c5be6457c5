package com.orderflow.benchmark;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Does during a run what autovacuum does on a production server, with PostgreSQL's default
 * thresholds: a table with more dead rows than 50 plus 20% of its size is vacuumed, a table changed
 * by more than 50 rows plus 10% of its size since its last analyze is analyzed. This machine's
 * PostgreSQL runs with autovacuum off (its conf.d/90-ci.conf), and without it two things went wrong
 * that a production server does not have:
 * <ul>
 * <li>Tables a run starts empty (shipments, the simulators' ledgers) kept statistics saying they are
 * empty, and every connection kept the plan it made for an empty table: each look-up by key scanned
 * the whole table, 0.3 to 0.5 ms a statement at 10,000 shipments where an index look-up takes 0.02 ms.
 * <li>Every executed job leaves a dead row in {@code ACT_RU_JOB}, which the job executor's acquisition
 * walks at each poll until a vacuum removes it: 32,000 dead rows made a poll take 4.9 ms
 * ({@code EXPLAIN ANALYZE}, docs/performance.md, third round).
 * </ul>
 * Looks every {@code -Dbench.autovacuum.seconds} (default 10; autovacuum's own default is 60, which a
 * busy server lowers; 0 turns this off).
 */
final class Autovacuum implements AutoCloseable {

    private final JdbcClient jdbc;
    private final AtomicInteger vacuumed = new AtomicInteger();
    private final AtomicInteger analyzed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "autovacuum");
        thread.setDaemon(true);
        return thread;
    });

    Autovacuum(JdbcClient jdbc) {
        this.jdbc = jdbc;
        int seconds = Integer.getInteger("bench.autovacuum.seconds", 10);
        if (seconds > 0) {
            looker.scheduleWithFixedDelay(this::visitTables, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    /** Tables vacuumed so far; read before and after a run, it says how many were vacuumed during it. */
    int vacuums() {
        return vacuumed.get();
    }

    private void visitTables() {
        for (String table : tables("s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0)")) {
            run("VACUUM " + table, vacuumed);
        }
        for (String table : tables("s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0)")) {
            run("ANALYZE " + table, analyzed);
        }
    }

    /** A failure is counted and printed: thrown, it would silently end every later visit of the run. */
    private void run(String statement, AtomicInteger done) {
        try {
            jdbc.sql(statement).update();
            done.incrementAndGet();
        } catch (DataAccessException e) {
            failed.incrementAndGet();
        }
    }

    private List<String> tables(String condition) {
        return jdbc.sql("""
                        SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) FROM pg_stat_user_tables s
                        JOIN pg_class c ON c.oid = s.relid WHERE\s""" + condition)
                .query(String.class).list();
    }

    /** For a table row: what was done during the run. */
    String describe() {
        return "autovacuum's work done: %d vacuums, %d analyzes, %d failed".formatted(vacuumed.get(), analyzed.get(),
                failed.get());
    }

    @Override
    public void close() {
        looker.shutdownNow();
        try {
            looker.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
