package com.orderflow.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How customer notices are written and delivered ({@code orderflow.notification.*}). The SMTP server
 * itself is Spring Boot's {@code spring.mail.*}; without {@code spring.mail.host} nothing is sent.
 *
 * @param from          sender of every notice, e.g. {@code Shop <orders@shop.example>}
 * @param shopName      how the notices sign off
 * @param timeZone      zone in which dates (ETAs) are shown to customers
 * @param pollInterval  pause between two looks into the outbox
 * @param batchSize     notices one look sends at most, so one node does not hog the outbox
 * @param maxAttempts   delivery attempts before a notice is given up (status FAILED)
 * @param backoff       wait before the next attempt after a failed one
 * @param claimTimeout  how long a sender may take for one notice; longer than the SMTP timeouts
 * @param keepSent      how long a sent notice keeps its text in the outbox, for support to read what the customer
 *                      was told; then its bodies (the customer's name, items and personal choice links) are blanked
 *                      and only who, what kind, the subject and when stay
 */
@Validated
@ConfigurationProperties(prefix = "orderflow.notification")
public record NotificationProperties(
        @DefaultValue("Orderflow <orders@orderflow.example>") @NotBlank String from,
        @DefaultValue("Orderflow") @NotBlank String shopName,
        @DefaultValue("Europe/Berlin") @NotNull ZoneId timeZone,
        @DefaultValue("PT5S") @NotNull Duration pollInterval,
        @DefaultValue("20") @Min(1) int batchSize,
        @DefaultValue("8") @Min(1) int maxAttempts,
        @DefaultValue @Valid Backoff backoff,
        @DefaultValue("PT5M") @NotNull Duration claimTimeout,
        @DefaultValue("P30D") @NotNull Duration keepSent) {

    /**
     * A sender that is no e-mail address failed every notice at its first attempt, as if each customer's
     * address were wrong, and a poll interval of zero stopped the start with a message naming nothing.
     */
    public NotificationProperties {
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException | NullPointerException notAnAddress) {
            throw new IllegalArgumentException("orderflow.notification.from must be an e-mail address such as"
                    + " 'Shop <orders@shop.example>', not '" + from + "'");
        }
        positive("poll-interval", pollInterval);
        positive("claim-timeout", claimTimeout);
        positive("keep-sent", keepSent);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("orderflow.notification." + name + " must be positive, not " + value);
        }
    }

    /**
     * Exponential back-off: the n-th failed attempt waits {@code initial * multiplier^(n-1)}, at most {@code max}.
     */
    public record Backoff(@DefaultValue("PT30S") @NotNull Duration initial,
                          @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
                          @DefaultValue("PT1H") @NotNull Duration max) {

        public Backoff {
            if (initial == null || initial.isNegative() || initial.isZero() || max == null || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("orderflow.notification.backoff.initial must be positive and"
                        + " orderflow.notification.backoff.max no shorter, not " + initial + " and " + max);
            }
        }

        public Duration afterAttempt(int attempt) {
            double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
            double millis = Math.min(initial.toMillis() * factor, (double) max.toMillis());
            return Duration.ofMillis((long) millis);
        }
    }
}
