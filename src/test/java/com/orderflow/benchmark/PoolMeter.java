package com.orderflow.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Watches the connection pool during a run: the most connections in use at once and the most
 * threads waiting for one. Waiting threads would make the pool a bound; a peak far below the pool's
 * size says it could be smaller. Sampled every 2 ms, so a peak shorter than that can be missed.
 */
final class PoolMeter implements AutoCloseable {

    private final HikariDataSource pool;
    private final HikariPoolMXBean state;
    private final AtomicInteger peakActive = new AtomicInteger();
    private final AtomicInteger peakWaiting = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pool-meter");
        thread.setDaemon(true);
        return thread;
    });

    PoolMeter(DataSource dataSource) {
        try {
            this.pool = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException notHikari) {
            throw new IllegalStateException("The benchmarks expect Spring Boot's Hikari pool", notHikari);
        }
        this.state = pool.getHikariPoolMXBean();
        sampler.scheduleAtFixedRate(() -> {
            peakActive.accumulateAndGet(state.getActiveConnections(), Math::max);
            peakWaiting.accumulateAndGet(state.getThreadsAwaitingConnection(), Math::max);
        }, 0, 2, TimeUnit.MILLISECONDS);
    }

    /** For a table row: peaks against the pool's size. */
    String peaks() {
        return "peak %d of %d connections in use, peak %d threads waiting for one"
                .formatted(peakActive.get(), pool.getMaximumPoolSize(), peakWaiting.get());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
