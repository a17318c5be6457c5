package com.orderflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions taking row locks in a chosen order, for tests of the service's lock order: one in
 * the test's thread, the other in a thread of its own, with PostgreSQL saying when one waits.
 */
public class LockRace {

    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    public LockRace(TransactionTemplate transaction, JdbcClient jdbc) {
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code holding} in a transaction of this thread, then {@code other} in a thread of its own;
     * once {@code other} is done or waits for a lock, runs {@code then} in the same transaction and
     * commits. Answers what {@code other} answered; a deadlock fails one side or the other.
     */
    public <T> T whileThisTransactionHolds(Runnable holding, Callable<T> other, Runnable then) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<T> result = transaction.execute(status -> {
                holding.run();
                Future<T> running = thread.submit(other);
                await().atMost(Duration.ofSeconds(20)).until(() -> running.isDone() || backendsWaitingForALock() > 0);
                then.run();
                return running;
            });
            return result.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    /** Sessions of the test database waiting for a lock another one holds. */
    public long backendsWaitingForALock() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .query(Long.class).single();
    }
}
