package com.orderflow.choice;

import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * @param previousSecret the secret before a rotation ({@code ORDERFLOW_CHOICE_PREVIOUS_SECRET}): links it signed
 *                       keep working while they are valid, new ones are signed with {@code secret}
 */
@ConfigurationProperties(prefix = "orderflow.choice")
public record ChoiceProperties(String secret,
                               @DefaultValue("P14D") Duration linkValidity,
                               @DefaultValue("http://localhost:8080") String baseUrl,
                               boolean requireSecret,
                               String previousSecret) {

    static final int MINIMUM_SECRET_LENGTH = 32;
    private static final Pattern LOCAL = Pattern.compile("^https?://(localhost|127\\.0\\.0\\.1|\\[::1])([:/]|$)");
    private static final Logger log = LoggerFactory.getLogger(ChoiceProperties.class);

    public ChoiceProperties {
        if (requireSecret && (secret == null || secret.isBlank() || secret.strip().length() < MINIMUM_SECRET_LENGTH)) {
            throw new IllegalStateException("ORDERFLOW_CHOICE_SECRET must be set (orderflow.choice.secret, at least "
                    + MINIMUM_SECRET_LENGTH + " characters): it signs the customers' choice links");
        }
        if (linkValidity == null || linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("orderflow.choice.link-validity must be positive");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        // A production notice's links must reach the customer; "localhost" is the default, never a shop's address.
        if (requireSecret && LOCAL.matcher(baseUrl).find()) {
            log.warn("orderflow.choice.base-url (ORDERFLOW_CHOICE_BASE_URL) is {}: the links in customers' delay notices"
                    + " open only on this host; set it to the address customers reach this service at", baseUrl);
        }
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "ChoiceProperties[linkValidity=" + linkValidity + ", baseUrl=" + baseUrl + "]";
    }
}
