package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two nodes starting together on a new database both created the engine's tables or the same user, and one
 * died at start-up. A node's start now waits while another node's start holds the lock, on the real database.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class StartupLockTest {

    /** Advisory locks belong to a database; another test run on the same server starts its nodes under the same key. */
    private static final String THIS_DATABASE =
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @Test
    void aSecondNodesStartWaitsUntilTheFirstIsReady() throws Exception {
        StartupLock firstNode = new StartupLock();
        StartupLock secondNode = new StartupLock();
        assertThat(firstNode.acquire(dataSource)).isTrue();
        try {
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> secondNode.acquire(dataSource));
            await().atMost(Duration.ofSeconds(10)).until(this::aSessionWaitsForTheLock);
            assertThat(second).isNotDone();

            firstNode.release();

            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            firstNode.release();
            secondNode.release();
        }
        assertThat(heldLocks()).as("released, not left on a pooled connection").isZero();
    }

    private boolean aSessionWaitsForTheLock() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ?" + THIS_DATABASE)
                .param((int) (StartupLock.KEY & 0xffffffffL)).query(Long.class).single() > 0;
    }

    private long heldLocks() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ?" + THIS_DATABASE)
                .param((int) (StartupLock.KEY & 0xffffffffL)).query(Long.class).single();
    }
}
