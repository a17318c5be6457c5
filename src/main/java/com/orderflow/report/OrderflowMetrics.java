package com.orderflow.report;

import com.orderflow.order.OrderStatus;
import com.orderflow.payment.Payment;
import com.orderflow.security.IdentitySetup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Business gauges on {@code /actuator/prometheus}, read from the database shared by all nodes (so
 * every node reports the same figures). They are read together, at most once per {@link #REFRESH}, on a
 * thread of their own: every gauge of one scrape comes from one reading, and a scrape waits for the
 * database no longer than {@link #SCRAPE_WAIT}. When a reading fails (the database cannot be reached)
 * every gauge answers NaN. Read gauge by gauge in the scrape, each waited out the pool's connection
 * timeout, and a scrape during an outage took minutes and answered nothing.
 */
@Component
public class OrderflowMetrics implements MeterBinder, DisposableBean {

    static final Duration REFRESH = Duration.ofSeconds(5);
    /** A healthy database answers a reading in milliseconds; Prometheus gives a whole scrape 10 seconds. */
    static final Duration SCRAPE_WAIT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(OrderflowMetrics.class);

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final Clock clock;
    private final Duration scrapeWait;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "orderflow-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Figures figures;
    private volatile Instant readAt = Instant.EPOCH;
    private Future<?> reading;
    private boolean awaited;
    /** Only the reader's thread reads and writes it. */
    private boolean failing;

    @Autowired
    public OrderflowMetrics(JdbcClient jdbc, TaskService tasks, ManagementService management, RuntimeService runtime,
                            Clock clock) {
        this(jdbc, tasks, management, runtime, clock, SCRAPE_WAIT);
    }

    OrderflowMetrics(JdbcClient jdbc, TaskService tasks, ManagementService management, RuntimeService runtime,
                     Clock clock, Duration scrapeWait) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.management = management;
        this.runtime = runtime;
        this.clock = clock;
        this.scrapeWait = scrapeWait;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OrderStatus status : OrderStatus.values()) {
            gauge("orderflow.orders", "Orders by status", f -> f.orders().getOrDefault(status, 0L))
                    .tag("status", status.name()).register(registry);
        }
        gauge("orderflow.backorders.open", "Open backorders", Figures::openBackorders).register(registry);
        gauge("orderflow.backorders.open.units", "Units owed to waiting customers", Figures::openUnits)
                .register(registry);
        gauge("orderflow.delay.notices", "Delay notices sent since the start", Figures::delayNotices)
                .register(registry);
        gauge("orderflow.escalations.open", "Ops tasks waiting to be done", Figures::opsTasks).register(registry);
        gauge("orderflow.jobs.backlog", "Engine jobs due and not yet executed", Figures::jobBacklog)
                .register(registry);
        gauge("orderflow.incidents.open", "Incidents waiting for ops in Cockpit", Figures::incidents)
                .register(registry);
        // Customer e-mail fails outside the engine, so no incident shows it: an SMTP outage shows here.
        gauge("orderflow.notices.unsent", "Customer notices not yet sent", Figures::unsentNotices)
                .register(registry);
        gauge("orderflow.notices.unsent.oldest", "Age of the oldest customer notice not yet sent",
                Figures::oldestUnsentSeconds).baseUnit("seconds").register(registry);
        gauge("orderflow.notices.failed", "Customer notices given up", Figures::failedNotices).register(registry);
        gauge("orderflow.payments.unpaid", "Orders whose customers have parcels the service could not charge, for ops to"
                + " collect and settle", Figures::unpaidOrders).register(registry);
    }

    private Gauge.Builder<?> gauge(String name, String description, ToDoubleFunction<Figures> figure) {
        return Gauge.builder(name, () -> current().map(figure::applyAsDouble).orElse(Double.NaN)).description(description);
    }

    /**
     * The figures of the last reading; empty when it failed. A reading older than {@link #REFRESH} starts a new
     * one, which the scrape waits for up to {@link #SCRAPE_WAIT} (once, not once per gauge); one that takes
     * longer (the database is out of reach) leaves this scrape the figures it has.
     */
    synchronized Optional<Figures> current() {
        Instant now = clock.instant();
        boolean stale = Duration.between(readAt, now).compareTo(REFRESH) >= 0 || now.isBefore(readAt);
        if (stale && (reading == null || reading.isDone())) {
            reading = reader.submit(this::readNow);
            awaited = false;
        }
        if (!awaited && reading != null && !reading.isDone()) {
            awaited = true;
            try {
                reading.get(scrapeWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillReading) {
                // The figures this scrape has are the last reading's.
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(figures);
    }

    private void readNow() {
        try {
            figures = read(clock.instant());
            failing = false;
        } catch (RuntimeException failure) {
            if (!failing) {
                // Once per outage, not every few seconds while it lasts.
                log.warn("Business metrics could not be read; they read NaN until a reading succeeds: {}", failure.toString());
            }
            failing = true;
            figures = null;
        }
        // From the reading's end: a failed one took the pool's connection timeout, a period or longer.
        readAt = clock.instant();
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }

    private Figures read(Instant now) {
        Map<OrderStatus, Long> orders = new EnumMap<>(OrderStatus.class);
        jdbc.sql("SELECT status, COUNT(*) AS orders FROM orders GROUP BY status")
                .query(rs -> {
                    orders.put(OrderStatus.valueOf(rs.getString("status")), rs.getLong("orders"));
                });
        Instant oldestUnsent = jdbc.sql("SELECT MIN(created_at) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')")
                .query(Instant.class).optional().orElse(null);
        return new Figures(orders,
                count("SELECT COUNT(*) FROM backorder WHERE status = 'OPEN'"),
                count("SELECT COALESCE(SUM(open_quantity), 0) FROM backorder WHERE status = 'OPEN'"),
                count("SELECT COUNT(*) FROM order_event WHERE type = 'DELAYED'"),
                tasks.createTaskQuery().taskCandidateGroup(IdentitySetup.OPS).count(),
                management.createJobQuery().executable().count(),
                runtime.createIncidentQuery().count(),
                count("SELECT COUNT(*) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')"),
                oldestUnsent == null ? 0 : Math.max(0, Duration.between(oldestUnsent, now).toSeconds()),
                count("SELECT COUNT(*) FROM notification_outbox WHERE status = 'FAILED'"),
                count("SELECT COUNT(*) FROM payment p WHERE " + Payment.owedCondition("p")));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** One reading of every gauge. */
    record Figures(Map<OrderStatus, Long> orders, long openBackorders, long openUnits, long delayNotices, long opsTasks,
                   long jobBacklog, long incidents, long unsentNotices, long oldestUnsentSeconds, long failedNotices,
                   long unpaidOrders) {
    }
}
