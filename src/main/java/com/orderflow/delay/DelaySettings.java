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

    /** Delay notices after which ops decide (model: {@code ${delaySettings.maxDelays}}). */
    private int maxDelays = 3;

    /** Wait since the order after which ops decide. */
    private Duration maxWait = Duration.ofDays(30);

    public int getMaxDelays() {
        return maxDelays;
    }

    public void setMaxDelays(int maxDelays) {
        if (maxDelays < 1) {
            throw new IllegalArgumentException("orderflow.backorder.max-delays must be at least 1");
        }
        this.maxDelays = maxDelays;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("orderflow.backorder.max-wait must be positive");
        }
        this.maxWait = maxWait;
    }

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
