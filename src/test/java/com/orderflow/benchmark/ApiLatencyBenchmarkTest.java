package com.orderflow.benchmark;

import com.orderflow.process.OrderProcess;
import com.orderflow.support.TestCatalog;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/orders} latency at a steady rate (default 50/s for 60 s, after 180 s of warm-up at the
 * same rate: a fresh JVM spends its first minutes compiling, which on two cores takes CPU from requests.
 * After 60 s of warm-up the JIT still compiled for 54 to 61 s of CPU time within the measured minute,
 * after 180 s for 11 s; the JIT time within the measured minute is printed). Open loop: requests leave on a fixed schedule whether or not earlier ones answered, and
 * each latency runs from its scheduled send time, so a stalled server counts against every request it
 * held up (no coordinated omission). The job executor works off the placed orders meanwhile, as in
 * production. {@code -Dbench.latency.rate=50 -Dbench.latency.seconds=60 -Dbench.latency.warmup=180}.
 */
@OrderflowBenchmark
class ApiLatencyBenchmarkTest {


    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired JdbcClient jdbc;
    @Autowired TestCatalog catalog;
    @Autowired RuntimeService runtime;

    @Test
    void placeOrderLatencyAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.latency.rate", 50);
        int seconds = Integer.getInteger("bench.latency.seconds", 60);
        int warmUpSeconds = Integer.getInteger("bench.latency.warmup", 180);
        int warmUp = warmUpSeconds * rate;
        int total = warmUp + seconds * rate;
        String sku = catalog.product("5.00", total);
        ApiClient api = new ApiClient(port);

        long[] latencyNanos = new long[total];
        AtomicInteger failures = new AtomicInteger();
        // Enough senders that the pool never holds a request back at this rate unless the server does.
        ExecutorService senders = Executors.newFixedThreadPool(Math.max(16, rate * 2));
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        CpuMeter cpu = new CpuMeter();
        CpuMeter.Reading atMeasurement = null;
        String upkeep;
        long inFulfilment;
        try (Autovacuum autovacuum = new Autovacuum(jdbc)) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * period;
                if (i == warmUp) {
                    // Read while waiting for the first measured request's time, not after it.
                    atMeasurement = cpu.read();
                }
                LockSupport.parkNanos(scheduled - System.nanoTime());
                int n = i;
                senders.execute(() -> {
                    int status = api.placeOrder("lat-" + n, sku);
                    latencyNanos[n] = System.nanoTime() - scheduled;
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
            inFulfilment = runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count();
            upkeep = autovacuum.describe();
        }
        CpuMeter.Reading afterMeasurement = cpu.read();

        long[] measured = Arrays.copyOfRange(latencyNanos, warmUp, total);
        Arrays.sort(measured);
        double p50 = percentile(measured, 0.50);
        double p99 = percentile(measured, 0.99);
        double max = measured[measured.length - 1] / 1e6;
        new BenchmarkTable("POST /api/orders latency, open loop", environment)
                .row("load", "%d requests/s for %d s (%,d measured, %d s warm-up not counted), %d not 201"
                        .formatted(rate, seconds, measured.length, warmUpSeconds, failures.get()))
                // Requests go before jobs (JobThreadPriority): what the job executor had not finished yet.
                .row("orders in fulfilment after the last answer", "%,d of %,d".formatted(inFulfilment, total))
                .row("JIT while measured", "%,d ms".formatted(afterMeasurement.compilingSince(atMeasurement).toMillis()))
                .row("database upkeep", upkeep)
                .row("p50", "%.1f ms".formatted(p50))
                .figure("p99", "%.1f ms (max %.1f ms)".formatted(p99, max), "<= 50 ms", p99 <= 50)
                .print();
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
