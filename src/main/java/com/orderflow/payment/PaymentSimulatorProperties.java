package com.orderflow.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour of the built-in payment provider simulator.
 *
 * @param latency       how long each call takes
 * @param failureRate   share of calls (0..1) that fail transiently, on top of the {@code tok_flaky} token
 * @param declineRate   share of authorisations (0..1) declined, on top of the {@code tok_declined} token
 */
@ConfigurationProperties(prefix = "orderflow.simulator.payment")
public record PaymentSimulatorProperties(Duration latency, double failureRate, double declineRate) {

    public PaymentSimulatorProperties {
        latency = latency == null ? Duration.ZERO : latency;
    }
}
