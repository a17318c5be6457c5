package com.orderflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in. The {@code admin} password comes from {@code ORDERFLOW_ADMIN_PASSWORD}; under the
 * production profile a missing or default password stops the service from starting.
 *
 * @param password         password of the {@code admin} user (group {@code ops}, Camunda admin)
 * @param requirePassword  refuse to start without a real admin password
 */
@ConfigurationProperties(prefix = "orderflow.admin")
public record IdentityProperties(String password, boolean requirePassword) {
}
