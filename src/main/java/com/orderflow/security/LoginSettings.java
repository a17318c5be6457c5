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
 */
@ConfigurationProperties(prefix = "orderflow.login")
public record LoginSettings(@DefaultValue("PT1M") Duration cacheTtl) {
}
