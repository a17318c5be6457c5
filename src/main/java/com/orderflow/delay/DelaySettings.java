package com.orderflow.delay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the wait for backordered stock ({@code orderflow.backorder.*}) that the order model
 * reads through expressions such as {@code ${delaySettings.maxDelays}}. The notice rules under the
 * same prefix (silent delay, consolation) belong to {@code DelayNoticePolicy}.
 */
@Component("delaySettings")
@ConfigurationProperties(prefix = "orderflow.backorder")
public class DelaySettings {

    /** An ETA passed without stock moves on by this much, unless its purchase order promises a later date. */
    private Duration overdueStep = Duration.ofDays(3);

    public Duration getOverdueStep() {
        return overdueStep;
    }

    public void setOverdueStep(Duration overdueStep) {
        if (overdueStep == null || overdueStep.isNegative() || overdueStep.isZero()) {
            throw new IllegalArgumentException("orderflow.backorder.overdue-step must be positive");
        }
        this.overdueStep = overdueStep;
    }
}
