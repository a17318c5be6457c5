package com.orderflow.benchmark;

import com.orderflow.inventory.ReceiptService;
import com.orderflow.inventory.ReceiptSource;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One goods receipt releasing every order waiting on a product, at two sizes (default 1,000 and
 * 10,000; {@code -Dbench.release.sizes=1000,10000}). The waiting orders are seeded fast (see
 * {@link #seedWaitingOrders}); the release is the real {@link ReceiptService} call followed by the job
 * executor resuming, shipping and capturing every order. The figure runs from the receipt to the last
 * shipment's dispatch time as the database recorded it; the run ends when every order's process has
 * ended (captured and notified), printed beside it with the CPU per order up to then. A first release
 * of {@code bench.release.warmup} orders (default 5,000; 0: none) warms the JVM and is not measured.
 */
@OrderflowBenchmark
class BackorderReleaseBenchmarkTest {

    private static final int PLACING_THREADS = 4;

    private final CpuMeter cpu = new CpuMeter();
    private int floorRuns;

    @Autowired OrderService orders;
    @Autowired ReceiptService receipts;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired TestCatalog catalog;
    @Autowired WaitingOrders waitingOrders;
    @Autowired DataSource dataSource;
    @Autowired ProcessEngineConfigurationImpl engineConfiguration;

    @Test
    void oneReceiptReleasesEveryWaitingOrder() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.release.sizes", "1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        BenchmarkTable table = new BenchmarkTable("backorder release: one receipt, every waiting order shipped", environment);
        // A service releases backorders every day: the figures are a warm JVM's, not the JIT compiling the
        // release path, which it still did through a whole 10,000-order release after a 1,000-order one.
        int warmup = Integer.getInteger("bench.release.warmup", 5000);
        if (warmup > 0) {
            String sku = catalog.product("3.00", 0);
            seedWaitingOrders("warm-", sku, warmup);
            Release release = release(sku, warmup);
            table.row("warm-up: %,d orders released, not measured".formatted(warmup),
                    "%s to the last SHIPPED (CPU per order, receipt to last end: %s)".formatted(
                            BenchmarkTable.millis(release.elapsed()), release.cpuPerOrder()));
        }
        String comparedWakeUps = System.getProperty("bench.release.compare-wake-ups-per-job");
        String comparedThreads = System.getProperty("bench.release.compare-job-threads");
        if (comparedWakeUps != null && comparedThreads != null) {
            throw new IllegalArgumentException("Compare one setting at a time: wake-ups per job or job threads");
        }
        if (comparedWakeUps != null || comparedThreads != null) {
            int size = Arrays.stream(sizes).max().orElseThrow();
            if (comparedWakeUps != null) {
                IntConsumer wakeUpsPerJob = perJob -> engineConfiguration.getInvocationsPerBatchJobByBatchType()
                        .put(Batch.TYPE_CORRELATE_MESSAGE, perJob);
                compare(table, "wake-ups per job", comparedWakeUps, size, wakeUpsPerJob,
                        engineConfiguration.getInvocationsPerBatchJobByBatchType().get(Batch.TYPE_CORRELATE_MESSAGE));
            } else {
                compare(table, "job threads", comparedThreads, size, this::setJobThreads,
                        jobThreads().getCorePoolSize());
            }
            table.print();
            return;
        }
        double firstCost = 0;
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            String sku = catalog.product("3.00", 0);
            String seeding = seedWaitingOrders("rel" + i + "-", sku, size);
            Release release = release(sku, size);
            double cost = release.elapsed().toMillis() / (double) size;
            table.row("%,d orders: seeding".formatted(size), seeding)
                    .figure("%,d orders: receipt to last SHIPPED".formatted(size), BenchmarkTable.millis(release.elapsed())
                                    + (" (every order captured, notified and ended after %s; receipt call %s; pool: %s; %s;"
                                    + " CPU per order, receipt to all SHIPPED: %s; to last end: %s)").formatted(
                                    BenchmarkTable.millis(release.toLastEnd()), BenchmarkTable.millis(release.receiptCall()),
                                    release.pool(), release.upkeep(), release.cpuToShipped(), release.cpuPerOrder()),
                            size >= 10_000 ? "<= 60,000 ms" : "", size < 10_000 || release.elapsed().toSeconds() < 60);
            if (i == 0) {
                firstCost = cost;
                table.row("%,d orders: per-order cost".formatted(size), "%.2f ms".formatted(cost));
            } else {
                table.figure("%,d orders: per-order cost".formatted(size),
                        "%.2f ms (%.2fx the %,d-order cost)".formatted(cost, cost / firstCost, sizes[0]),
                        "<= 1.5x", cost <= 1.5 * firstCost);
            }
        }
        int floorSize = Integer.getInteger("bench.release.floor", Arrays.stream(sizes).max().orElse(0));
        if (floorSize > 0) {
            Floor floor = releaseSkeleton(floorSize);
            table.row("engine floor: %,d no-op instances released".formatted(floorSize),
                    ("%s to the last dispatch, %s to the last end: the same model with every delegate a no-op, woken by the"
                            + " same batch correlation (started at the wait in %s; CPU per instance: %s)").formatted(
                            BenchmarkTable.millis(floor.toLastDispatch()), BenchmarkTable.millis(floor.toLastEnd()),
                            BenchmarkTable.millis(floor.seeding()), floor.cpuPerInstance()));
        }
        table.print();
    }

    /**
     * The same release and engine floor with each value of one setting in turn, in one JVM: on this
     * machine the same run varies by a third from one quarter of an hour to the next, so a setting is
     * judged against another run right beside it, not against another day's figures. The setting is
     * put back to {@code configured} after, as the benchmark classes after this one share its engine.
     */
    private void compare(BenchmarkTable table, String setting, String values, int size, IntConsumer apply,
                         int configured) throws Exception {
        int run = 0;
        try {
            for (String value : values.split(",")) {
                int chosen = Integer.parseInt(value.strip());
                apply.accept(chosen);
                String sku = catalog.product("3.00", 0);
                seedWaitingOrders("cmp" + run++ + "-", sku, size);
                Release release = release(sku, size);
                table.row("%d %s: %,d orders, receipt to last SHIPPED".formatted(chosen, setting, size),
                        "%s (every order ended after %s; CPU per order, receipt to all SHIPPED: %s; to last end: %s)".formatted(
                                BenchmarkTable.millis(release.elapsed()), BenchmarkTable.millis(release.toLastEnd()),
                                release.cpuToShipped(), release.cpuPerOrder()));
                Floor floor = releaseSkeleton(size);
                table.row("%d %s: engine floor".formatted(chosen, setting),
                        "%s to the last dispatch, %s to the last end (CPU per instance: %s)".formatted(
                                BenchmarkTable.millis(floor.toLastDispatch()), BenchmarkTable.millis(floor.toLastEnd()),
                                floor.cpuPerInstance()));
            }
        } finally {
            apply.accept(configured);
        }
    }

    /** Resizes the job executor's thread pool as {@code camunda.bpm.job-execution.core-pool-size} would at start. */
    private void setJobThreads(int threads) {
        ThreadPoolTaskExecutor pool = jobThreads();
        // The pool refuses a core size above its maximum at any moment, so the order depends on the direction.
        if (threads >= pool.getMaxPoolSize()) {
            pool.setMaxPoolSize(threads);
            pool.setCorePoolSize(threads);
        } else {
            pool.setCorePoolSize(threads);
            pool.setMaxPoolSize(threads);
        }
    }

    private ThreadPoolTaskExecutor jobThreads() {
        return (ThreadPoolTaskExecutor) ((SpringJobExecutor) engineConfiguration.getJobExecutor()).getTaskExecutor();
    }

    /**
     * What the engine alone needs for a release: {@code size} instances of the no-op skeleton wait at
     * the same gateway and are woken by the same batch correlation as {@code OrderResumption} sends,
     * then run the same path (check, pick, dispatch, capture, notify) doing nothing. If this misses
     * the bar, no delegate code can meet it on this machine.
     */
    private Floor releaseSkeleton(int size) throws Exception {
        SkeletonProcess.deployForRelease(repository);
        // A comparison releases the skeleton more than once: count this release's instances only.
        long endedBefore = endedSkeletons();
        int run = floorRuns++;
        long seedStart = System.nanoTime();
        ExecutorService starting = Executors.newFixedThreadPool(PLACING_THREADS);
        List<Future<String>> started = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                String key = "floor-" + run + "-" + i;
                started.add(starting.submit(() -> runtime.createProcessInstanceByKey(SkeletonProcess.RELEASE_KEY).businessKey(key)
                        .setVariables(SkeletonProcess.releaseVariables(key)).startBeforeActivity("Gateway_WaitForStock")
                        .execute().getId()));
            }
            List<String> instances = new ArrayList<>();
            for (Future<String> f : started) {
                instances.add(f.get());
            }
            WaitingOrders.analyze(jdbc);
            Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);
            CpuMeter.Reading cpuBefore = cpu.read();
            Instant start = Instant.now();
            String cpuPerInstance;
            try (Autovacuum autovacuum = new Autovacuum(jdbc)) {
                for (int from = 0; from < size; from += 1000) {
                    runtime.createMessageCorrelationAsync(OrderProcess.MESSAGE_STOCK_ALLOCATED)
                            .processInstanceIds(instances.subList(from, Math.min(size, from + 1000))).correlateAllAsync();
                }
                BenchmarkTable.awaitCondition(size + " skeleton instances to end", Duration.ofMinutes(60),
                        () -> endedSkeletons() >= endedBefore + size);
                cpuPerInstance = cpu.read().perUnitWithJitSince(cpuBefore, size);
            }
            Instant lastDispatch = jdbc.sql("""
                            SELECT MAX(end_time_) FROM act_hi_actinst WHERE proc_def_key_ = ? AND act_id_ = 'Task_DispatchShipment'""")
                    .param(SkeletonProcess.RELEASE_KEY).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
            Instant lastEnd = jdbc.sql("SELECT MAX(end_time_) FROM act_hi_procinst WHERE proc_def_key_ = ?")
                    .param(SkeletonProcess.RELEASE_KEY).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
            return new Floor(Duration.between(start, lastDispatch), Duration.between(start, lastEnd), seeding, cpuPerInstance);
        } finally {
            starting.shutdown();
        }
    }

    /**
     * Copies of a template order by default (see {@link WaitingOrders}); {@code -Dbench.release.seed=service}
     * places every order through {@link OrderService} from {@link #PLACING_THREADS} threads instead.
     */
    private String seedWaitingOrders(String prefix, String sku, int size) throws Exception {
        if (!"service".equals(System.getProperty("bench.release.seed", "copy"))) {
            waitingOrders.placeTemplate(prefix, sku);
            return waitingOrders.copyTemplate(prefix, size).describe();
        }
        long start = System.nanoTime();
        ExecutorService placing = Executors.newFixedThreadPool(PLACING_THREADS);
        try {
            List<Future<?>> placed = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String orderId = prefix + i;
                placed.add(placing.submit(() -> orders.place(new PlaceOrderRequest(orderId,
                        new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                        List.of(new PlaceOrderRequest.LineRequest(sku, 1)), ShipPolicy.PARTIAL, null,
                        new PlaceOrderRequest.PaymentRequest("tok_visa")))));
            }
            for (Future<?> f : placed) {
                f.get();
            }
        } finally {
            placing.shutdown();
        }
        BenchmarkTable.awaitCondition(size + " orders waiting for " + sku, Duration.ofMinutes(60),
                () -> waiting(sku) >= size);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return "%,d ms for %,d through OrderService, %d threads (%.0f orders/s)".formatted(millis, size, PLACING_THREADS,
                size * 1000.0 / Math.max(1, millis));
    }

    private Release release(String sku, int size) {
        CpuMeter.Reading cpuBefore = cpu.read();
        Instant start = Instant.now();
        Duration receiptCall;
        String pool;
        String upkeep;
        String cpuPerOrder;
        String cpuToShipped;
        try (PoolMeter meter = new PoolMeter(dataSource); Autovacuum autovacuum = new Autovacuum(jdbc)) {
            receipts.receive(sku, size, null, ReceiptSource.RECEIPT, "warehouse");
            receiptCall = Duration.between(start, Instant.now());
            BenchmarkTable.awaitCondition(size + " orders of " + sku + " shipped", Duration.ofMinutes(60),
                    () -> shipped(sku) >= size);
            cpuToShipped = cpu.read().perUnitSince(cpuBefore, size);
            // Captures and notices trail the shipments (ShippingFirst): the release's work is done when
            // every order's process has ended, and the next run must not start on top of it.
            BenchmarkTable.awaitCondition(size + " orders of " + sku + " ended", Duration.ofMinutes(60),
                    () -> ended(sku) >= size);
            cpuPerOrder = cpu.read().perUnitWithJitSince(cpuBefore, size);
            pool = meter.peaks();
            upkeep = autovacuum.describe();
        }
        Instant lastDispatch = jdbc.sql("""
                        SELECT MAX(s.dispatched_at) FROM shipment s JOIN order_line l ON l.order_id = s.order_id
                        WHERE l.sku = ?""")
                .param(sku).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        Instant lastEnd = jdbc.sql("""
                        SELECT MAX(p.end_time_) FROM act_hi_procinst p JOIN orders o ON o.process_instance_id = p.id_
                        JOIN order_line l ON l.order_id = o.id WHERE l.sku = ?""")
                .param(sku).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        return new Release(Duration.between(start, lastDispatch), Duration.between(start, lastEnd), receiptCall, pool,
                upkeep, cpuToShipped, cpuPerOrder);
    }

    /**
     * {@code cpuToShipped}: this JVM's and PostgreSQL's CPU from the receipt until every order was seen
     * {@code SHIPPED} (polled once a second, so up to a second late), per order: the work the figure
     * measures. {@code cpuPerOrder}: the same until every order's process ended, with the JIT's compile time
     * within it (a JVM still compiling the path measures its warm-up too).
     */
    record Release(Duration elapsed, Duration toLastEnd, Duration receiptCall, String pool, String upkeep,
            String cpuToShipped, String cpuPerOrder) {
    }

    /** The engine floor: from the correlation to the last dispatch and to the last end; how long seeding took. */
    record Floor(Duration toLastDispatch, Duration toLastEnd, Duration seeding, String cpuPerInstance) {
    }

    private long endedSkeletons() {
        return jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst WHERE proc_def_key_ = ? AND end_time_ IS NOT NULL")
                .param(SkeletonProcess.RELEASE_KEY).query(Long.class).single();
    }

    private long waiting(String sku) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM act_ru_event_subscr e JOIN orders o ON o.process_instance_id = e.proc_inst_id_
                        JOIN order_line l ON l.order_id = o.id WHERE l.sku = ? AND e.event_name_ = 'StockAllocated'""")
                .param(sku).query(Long.class).single();
    }

    private long ended(String sku) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM act_hi_procinst p JOIN orders o ON o.process_instance_id = p.id_
                        JOIN order_line l ON l.order_id = o.id WHERE l.sku = ? AND p.end_time_ IS NOT NULL""")
                .param(sku).query(Long.class).single();
    }

    private long shipped(String sku) {
        return jdbc.sql("SELECT COUNT(*) FROM orders o JOIN order_line l ON l.order_id = o.id WHERE l.sku = ? AND o.status = 'SHIPPED'")
                .param(sku).query(Long.class).single();
    }
}
