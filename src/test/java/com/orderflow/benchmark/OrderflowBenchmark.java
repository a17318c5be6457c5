package com.orderflow.benchmark;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import com.orderflow.support.TestCatalog;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A benchmark: runs only with {@code mvn verify -Pbenchmark}, against the whole service on a fresh
 * PostgreSQL database, with the simulators answering at once. The test profile polls for jobs every
 * 200 ms with a larger pool to keep tests quick; benchmarks put back the job acquisition and the
 * job threads of {@code application.yaml} (keep these four values equal to it), so timer lag,
 * latency and throughput are the production ones. {@code -Dbench.job-threads=N} measures another
 * number of job threads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.simulator.payment.latency=PT0S",
        "orderflow.simulator.carrier.latency=PT0S",
        "camunda.bpm.job-execution.wait-time-in-millis=1000",
        "camunda.bpm.job-execution.max-wait=1000",
        "camunda.bpm.job-execution.core-pool-size=${bench.job-threads:2}",
        "camunda.bpm.job-execution.max-pool-size=${bench.job-threads:2}",
        // No SMTP server here: each notice would be logged at INFO in the order's step, a line production (which
        // logs the e-mail as the sender sends it, off the order's path) does not write there.
        "logging.level.com.orderflow.notification.CustomerNotifier=WARN"})
@ActiveProfiles("test")
@Import({TestCatalog.class, WaitingOrders.class})
@interface OrderflowBenchmark {
}
