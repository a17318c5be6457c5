package com.orderflow.backorder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Records how long customers waited for filled backorders, once the fill has committed. */
@Component
public class BackorderMetrics {

    private final Timer fillTime;
    private final Clock clock;

    public BackorderMetrics(MeterRegistry registry, Clock clock) {
        this.fillTime = Timer.builder("orderflow.backorder.fill.time")
                .description("Time from order to its backorder being filled")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMinutes(1))
                .maximumExpectedValue(Duration.ofDays(90))
                .register(registry);
        this.clock = clock;
    }

    public void filled(Instant orderedAt) {
        Duration waited = Duration.between(orderedAt, clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fillTime.record(waited);
                }
            });
        } else {
            fillTime.record(waited);
        }
    }
}
