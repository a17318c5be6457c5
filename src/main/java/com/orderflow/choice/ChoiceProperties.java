package com.orderflow.choice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The customer's choice links in delay notices ({@code orderflow.choice.*}).
 *
 * @param secret         HMAC-SHA256 key signing the links ({@code ORDERFLOW_CHOICE_SECRET}); every node of a
 *                       cluster needs the same one. Without it the default profile makes one up per start
 *                       (links then die with a restart); the production profile refuses to start
 * @param linkValidity   how long a link works after its notice was written
 * @param baseUrl        where customers reach this service, for the links in e-mails
 * @param requireSecret  refuse to start without a real secret (the {@code postgres} profile sets it)
 */
@ConfigurationProperties(prefix = "orderflow.choice")
public record ChoiceProperties(String secret,
                               @DefaultValue("P14D") Duration linkValidity,
                               @DefaultValue("http://localhost:8080") String baseUrl,
                               boolean requireSecret) {

    static final int MINIMUM_SECRET_LENGTH = 32;

    public ChoiceProperties {
        if (requireSecret && (secret == null || secret.isBlank() || secret.strip().length() < MINIMUM_SECRET_LENGTH)) {
            throw new IllegalStateException("ORDERFLOW_CHOICE_SECRET must be set (orderflow.choice.secret, at least "
                    + MINIMUM_SECRET_LENGTH + " characters): it signs the customers' choice links");
        }
        if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("orderflow.choice.link-validity must be positive");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "ChoiceProperties[linkValidity=" + linkValidity + ", baseUrl=" + baseUrl + "]";
    }
}
