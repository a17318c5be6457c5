package com.orderflow.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** How long customers' personal data stays on finished orders ({@code orderflow.privacy.*}). */
@Component
@ConfigurationProperties(prefix = "orderflow.privacy")
public class PrivacySettings {

    /**
     * How long after an order finished (shipped in full, cancelled or rejected) its customer's name, e-mail address
     * and e-mails stay; then they are erased. Support and returns need them for a while; nothing kept them from
     * staying for ever.
     */
    private Duration keepCustomerData = Duration.ofDays(730);

    public Duration getKeepCustomerData() {
        return keepCustomerData;
    }

    public void setKeepCustomerData(Duration keepCustomerData) {
        if (keepCustomerData == null || keepCustomerData.isNegative() || keepCustomerData.isZero()) {
            throw new IllegalArgumentException("orderflow.privacy.keep-customer-data must be positive");
        }
        this.keepCustomerData = keepCustomerData;
    }
}
