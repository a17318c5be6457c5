package com.orderflow.replenishment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour of the built-in supplier simulator.
 *
 * @param latency     how long placing an order takes
 * @param failureRate share of calls (0..1) that fail transiently
 * @param outage      start with the supplier unreachable (every call fails until switched off)
 */
@ConfigurationProperties(prefix = "orderflow.simulator.supplier")
public record SupplierSimulatorProperties(Duration latency, double failureRate, boolean outage) {

    public SupplierSimulatorProperties {
        latency = latency == null ? Duration.ZERO : latency;
    }
}
