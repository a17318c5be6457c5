package com.orderflow.process;

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

    public String getRemoteCallRetry() {
        return remoteCallRetry;
    }

    public void setRemoteCallRetry(String remoteCallRetry) {
        this.remoteCallRetry = remoteCallRetry;
    }

    public long getShippingJobPriority() {
        return shippingJobPriority;
    }

    public void setShippingJobPriority(long shippingJobPriority) {
        this.shippingJobPriority = shippingJobPriority;
    }
}
