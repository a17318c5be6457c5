package com.orderflow.shipping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour of the built-in carrier simulator.
 *
 * @param latency     how long each dispatch call takes
 * @param failureRate share of calls (0..1) that fail transiently
 */
@ConfigurationProperties(prefix = "orderflow.simulator.carrier")
public record CarrierSimulatorProperties(Duration latency, double failureRate) {

    public CarrierSimulatorProperties {
        latency = latency == null ? Duration.ZERO : latency;
    }
}
