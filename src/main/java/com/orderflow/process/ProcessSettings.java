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

    public String getRemoteCallRetry() {
        return remoteCallRetry;
    }

    public void setRemoteCallRetry(String remoteCallRetry) {
        this.remoteCallRetry = remoteCallRetry;
    }
}
