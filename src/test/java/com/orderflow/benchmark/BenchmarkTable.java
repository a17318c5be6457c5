package com.orderflow.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.core.env.Environment;

/**
 * The table every benchmark prints: the machine, the settings that shape the figures, and each figure
 * against its target. Benchmarks report PASS or MISS; they never fail on time, because a 2-core machine
 * shared with other builds makes wall-clock limits flaky.
 */
final class BenchmarkTable {

    /** Settings that move the figures; printed with every table so two runs can be compared. */
    private static final List<String> SETTINGS = List.of(
            "camunda.bpm.history-level",
            "camunda.bpm.job-execution.core-pool-size",
            "camunda.bpm.job-execution.max-pool-size",
            "camunda.bpm.job-execution.queue-capacity",
            "camunda.bpm.job-execution.max-jobs-per-acquisition",
            "camunda.bpm.job-execution.wait-time-in-millis",
            "camunda.bpm.job-execution.max-wait",
            "camunda.bpm.generic-properties.properties.invocationsPerBatchJob",
            "camunda.bpm.generic-properties.properties.batchJobsPerSeed",
            "spring.datasource.hikari.maximum-pool-size",
            "orderflow.simulator.payment.latency",
            "orderflow.simulator.carrier.latency");

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    BenchmarkTable(String title, Environment environment) {
        this.title = title;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        row("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row("machine", "%d cores, %.1f GiB RAM, load %.1f, Java %s (max heap %d MiB)".formatted(
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                os.getSystemLoadAverage(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        StringBuilder settings = new StringBuilder();
        for (String key : SETTINGS) {
            String value = environment.getProperty(key);
            if (value != null) {
                settings.append(settings.isEmpty() ? "" : ", ").append(key.substring(key.lastIndexOf('.') + 1))
                        .append('=').append(value);
            }
        }
        // The JVM options that shape the figures, such as the job threads' nice value (pom.xml).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(option -> option.startsWith("-XX:"))
                .forEach(option -> settings.append(settings.isEmpty() ? "" : ", ").append(option));
        row("settings", settings.toString());
    }

    BenchmarkTable row(String name, String value) {
        rows.add(new String[] {name, value, "", ""});
        return this;
    }

    /** A figure with its target; {@code met} decides PASS or MISS. */
    BenchmarkTable figure(String name, String value, String target, boolean met) {
        rows.add(new String[] {name, value, target, met ? "PASS" : "MISS"});
        return this;
    }

    void print() {
        StringBuilder out = new StringBuilder("\n| " + title + " | figure | target | |\n|---|---|---|---|\n");
        rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
        System.out.println(out);
    }

    static String millis(Duration duration) {
        return "%,d ms".formatted(duration.toMillis());
    }

    /**
     * Waits for work the job executor does in the background. Times come from the database, not
     * from when this loop noticed, so the poll interval only delays the report. Once a second: a
     * count over 10,000 orders costs PostgreSQL 5 to 15 ms, CPU the measured work would lose.
     */
    static void awaitCondition(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }
}
