package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * A monitor scraping during a database outage: every business gauge answered only after the pool's connection
 * timeout, one gauge after another, so a scrape took minutes. The database here is really out of reach (a pool
 * on a port nothing listens on); the service's own database stands for it coming back. The scrapes here wait
 * for each reading however long it takes: how long a real scrape waits is a matter of time, not asserted.
 */
@SpringBootTest
@ActiveProfiles("test")
class MetricsOutageTest {

    @Autowired DataSource database;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;

    HikariDataSource unreachable;
    SwitchableDatabase switchable;
    MovableClock clock = new MovableClock();
    OrderflowMetrics metrics;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        unreachable = new HikariDataSource();
        unreachable.setJdbcUrl("jdbc:postgresql://127.0.0.1:9/orderflow");
        unreachable.setConnectionTimeout(250);
        unreachable.setInitializationFailTimeout(-1);
        switchable = new SwitchableDatabase(database, unreachable, clock);
        metrics = new OrderflowMetrics(JdbcClient.create(switchable), tasks, management, runtime, clock, Duration.ofSeconds(30));
        metrics.bindTo(registry);
    }

    @AfterEach
    void closePool() {
        metrics.destroy();
        unreachable.close();
    }

    @Test
    void duringAnOutageAScrapeTriesTheDatabaseOnceAndEveryGaugeReadsNaN() {
        switchable.out = true;

        List<Double> scraped = scrape();

        assertThat(scraped).hasSizeGreaterThan(10).allMatch(value -> value.isNaN());
        assertThat(switchable.asked).as("connections asked for by one scrape").hasValue(1);
        assertThat(scrape()).allMatch(value -> value.isNaN());
        assertThat(switchable.asked).as("a second scrape within the period waits for none").hasValue(1);

        clock.move(OrderflowMetrics.REFRESH);
        scrape();
        assertThat(switchable.asked).as("the next period tries again, once").hasValue(2);
    }

    @Test
    void figuresComeBackWithTheDatabaseAndNoneOutlastIt() {
        assertThat(scrape()).noneMatch(value -> value.isNaN());

        switchable.out = true;
        clock.move(OrderflowMetrics.REFRESH);
        assertThat(scrape()).as("no stale figures during the outage").allMatch(value -> value.isNaN());

        switchable.out = false;
        clock.move(OrderflowMetrics.REFRESH);
        assertThat(scrape()).noneMatch(value -> value.isNaN());
    }

    private List<Double> scrape() {
        return registry.getMeters().stream().filter(Gauge.class::isInstance).map(meter -> ((Gauge) meter).value()).toList();
    }

    /**
     * The service's database, or one out of reach; counts the connections asked for. Waiting for one out of
     * reach takes the pool's connection timeout, which is as long as a reading's period or longer.
     */
    static final class SwitchableDatabase extends DelegatingDataSource {
        final DataSource unreachable;
        final MovableClock clock;
        final AtomicInteger asked = new AtomicInteger();
        volatile boolean out;

        SwitchableDatabase(DataSource database, DataSource unreachable, MovableClock clock) {
            super(database);
            this.unreachable = unreachable;
            this.clock = clock;
        }

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            if (!out) {
                return super.getConnection();
            }
            try {
                return unreachable.getConnection();
            } finally {
                clock.move(OrderflowMetrics.REFRESH);
            }
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

        synchronized void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
