package com.orderflow.report;

import com.orderflow.order.OrderStatus;
import com.orderflow.security.IdentitySetup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Business gauges on {@code /actuator/prometheus}, read from the database shared by all nodes (so
 * every node reports the same figures). Order counts are cached briefly: one query per scrape.
 */
@Component
public class OrderflowMetrics implements MeterBinder {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final Clock clock;
    private Map<OrderStatus, Long> statusCounts = new EnumMap<>(OrderStatus.class);
    private Instant countedAt = Instant.EPOCH;

    public OrderflowMetrics(JdbcClient jdbc, TaskService tasks, ManagementService management, RuntimeService runtime,
                            Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.management = management;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OrderStatus status : OrderStatus.values()) {
            Gauge.builder("orderflow.orders", () -> statusCount(status)).tag("status", status.name())
                    .description("Orders by status").register(registry);
        }
        Gauge.builder("orderflow.backorders.open", () -> count("SELECT COUNT(*) FROM backorder WHERE status = 'OPEN'"))
                .description("Open backorders").register(registry);
        Gauge.builder("orderflow.backorders.open.units",
                        () -> count("SELECT COALESCE(SUM(open_quantity), 0) FROM backorder WHERE status = 'OPEN'"))
                .description("Units owed to waiting customers").register(registry);
        Gauge.builder("orderflow.delay.notices", () -> count("SELECT COUNT(*) FROM order_event WHERE type = 'DELAYED'"))
                .description("Delay notices sent since the start").register(registry);
        Gauge.builder("orderflow.escalations.open",
                        () -> tasks.createTaskQuery().taskCandidateGroup(IdentitySetup.OPS).count())
                .description("Ops tasks waiting to be done").register(registry);
        Gauge.builder("orderflow.jobs.backlog", () -> management.createJobQuery().executable().count())
                .description("Engine jobs due and not yet executed").register(registry);
        Gauge.builder("orderflow.incidents.open", () -> runtime.createIncidentQuery().count())
                .description("Incidents waiting for ops in Cockpit").register(registry);
        // Customer e-mail fails outside the engine, so no incident shows it: an SMTP outage shows here.
        Gauge.builder("orderflow.notices.unsent",
                        () -> count("SELECT COUNT(*) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')"))
                .description("Customer notices not yet sent").register(registry);
        Gauge.builder("orderflow.notices.unsent.oldest", this::oldestUnsentSeconds).baseUnit("seconds")
                .description("Age of the oldest customer notice not yet sent").register(registry);
        Gauge.builder("orderflow.notices.failed", () -> count("SELECT COUNT(*) FROM notification_outbox WHERE status = 'FAILED'"))
                .description("Customer notices given up").register(registry);
    }

    private synchronized double statusCount(OrderStatus status) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(CACHE) > 0 || now.isBefore(countedAt)) {
            Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
            jdbc.sql("SELECT status, COUNT(*) AS orders FROM orders GROUP BY status")
                    .query(rs -> {
                        counts.put(OrderStatus.valueOf(rs.getString("status")), rs.getLong("orders"));
                    });
            statusCounts = counts;
            countedAt = now;
        }
        return statusCounts.getOrDefault(status, 0L);
    }

    private double oldestUnsentSeconds() {
        Instant oldest = jdbc.sql("SELECT MIN(created_at) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')")
                .query(Instant.class).optional().orElse(null);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    private double count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
