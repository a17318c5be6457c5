package com.orderflow.process;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings the BPMN models read through expressions such as
 * {@code ${processSettings.remoteCallRetry}}, so that process designers tune them
 * in configuration rather than in Java.
 */
@Component("processSettings")
@ConfigurationProperties(prefix = "orderflow.process")
public class ProcessSettings {

    /** Retry cycle for steps that call an outside system (ISO-8601 repeating interval). */
    private String remoteCallRetry = "R5/PT30S";

    /**
     * Priority of the jobs that bring an order to its shipment: the wake-ups of waiting orders (the
     * engine's batches) and "Dispatch shipment". Every other job (authorising, capturing, notifying,
     * timers) has priority 0, so when a receipt releases thousands of orders at once their parcels
     * go out first and the captures and notices follow.
     */
    private long shippingJobPriority = 10;

    /**
     * How many waiting orders one job wakes when a receipt (or a supplier's new ETA) releases many at
     * once. Their wake-ups share a transaction, which took 37% off a release of 10,000 and off the
     * engine's own share of it (docs/performance.md, eighteenth round); a job of several that fails is split into one
     * job per order, so a broken order holds back no other. 1 wakes each order in a job of its own.
     */
    private int wakeUpsPerJob = 10;

    public String getRemoteCallRetry() {
        return remoteCallRetry;
    }

    /**
     * The engine reads the cycle only when a step fails; one it cannot read fell back to three retries at
     * once, so an outside system's short outage made an incident of every order in flight.
     */
    public void setRemoteCallRetry(String remoteCallRetry) {
        try {
            for (String interval : remoteCallRetry.split(",")) {
                new DurationHelper(interval.strip());
            }
        } catch (Exception unreadable) {
            throw new IllegalArgumentException("orderflow.process.remote-call-retry must be an ISO-8601 repeating"
                    + " interval such as R5/PT30S, or intervals such as PT10S,PT1M,PT5M, not '" + remoteCallRetry + "'");
        }
        this.remoteCallRetry = remoteCallRetry;
    }

    public int getWakeUpsPerJob() {
        return wakeUpsPerJob;
    }

    public void setWakeUpsPerJob(int wakeUpsPerJob) {
        if (wakeUpsPerJob < 1) {
            throw new IllegalArgumentException("orderflow.process.wake-ups-per-job must be at least 1, was " + wakeUpsPerJob);
        }
        this.wakeUpsPerJob = wakeUpsPerJob;
    }

    public long getShippingJobPriority() {
        return shippingJobPriority;
    }

    public void setShippingJobPriority(long shippingJobPriority) {
        this.shippingJobPriority = shippingJobPriority;
    }
}
