package com.orderflow.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API logins are checked.
 *
 * @param cacheTtl how long a successful HTTP Basic login is remembered. A shop sends its credentials
 *                 with every request; checking each one against the identity service hashes the
 *                 password and runs two queries. A changed password or group takes up to this long
 *                 to apply to API calls (the Camunda webapps re-check their sessions every 5 minutes
 *                 by default). {@code PT0S} checks every request.
 * @param maxFailures   failed logins one client address may make within {@code failureWindow}; beyond
 *                      that its logins answer 429 until the window has passed. Throttling by address
 *                      rather than by account keeps a guesser from locking the real user out.
 * @param failureWindow how long a client's failed logins count
 */
@ConfigurationProperties(prefix = "orderflow.login")
public record LoginSettings(@DefaultValue("PT1M") Duration cacheTtl, @DefaultValue("10") int maxFailures,
                            @DefaultValue("PT1M") Duration failureWindow) {

    /** The throttle is the only guard against guessing (no account lock): a window that never opens switched it off. */
    public LoginSettings {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("orderflow.login.cache-ttl must not be negative, not " + cacheTtl);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("orderflow.login.max-failures must be at least 1, not " + maxFailures);
        }
        if (failureWindow == null || failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("orderflow.login.failure-window must be positive, not " + failureWindow);
        }
    }
}
