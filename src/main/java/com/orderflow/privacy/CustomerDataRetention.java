package com.orderflow.privacy;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases, every six hours on every node, the customer data of orders finished longer than
 * {@code orderflow.privacy.keep-customer-data} ago. The first run waits an hour after the start, so a node
 * restarted in a hurry spends its first hour on orders. Nodes erasing the same order at once do it once: the
 * order's row is locked and an erased order is left as it is.
 */
@Component
public class CustomerDataRetention {

    private static final Logger log = LoggerFactory.getLogger(CustomerDataRetention.class);

    private final CustomerDataErasure erasure;
    private final PrivacySettings settings;
    private final Clock clock;

    public CustomerDataRetention(CustomerDataErasure erasure, PrivacySettings settings, Clock clock) {
        this.erasure = erasure;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT6H")
    public void eraseExpired() {
        try {
            int erased = erasure.eraseFinishedBefore(clock.instant().minus(settings.getKeepCustomerData()));
            if (erased > 0) {
                log.info("Erased the customer data of {} orders finished more than {} ago (orderflow.privacy.keep-customer-data)",
                        erased, settings.getKeepCustomerData());
            }
        } catch (RuntimeException failed) {
            log.warn("Customer data of finished orders was not erased this time; the next run tries again: {}", failed.toString());
        }
    }
}
