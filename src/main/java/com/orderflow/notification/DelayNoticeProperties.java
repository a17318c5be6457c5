package com.orderflow.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The merchant's rules for telling customers about delays ({@code orderflow.backorder.*}). Other
 * backorder settings under the same prefix belong to other features and are ignored here.
 *
 * @param silentDelay      a new ETA within this of the first promise is not announced
 * @param consolation      what the second and later delay notices offer
 * @param discountPercent  the discount offered when {@code consolation} is {@code DISCOUNT}
 */
@Validated
@ConfigurationProperties(prefix = "orderflow.backorder")
public record DelayNoticeProperties(
        @DefaultValue("P7D") @NotNull Duration silentDelay,
        @DefaultValue("DISCOUNT") @NotNull Consolation consolation,
        @DefaultValue("10") @Min(1) @Max(100) int discountPercent) {

    public DelayNoticeProperties {
        if (silentDelay != null && silentDelay.isNegative()) {
            throw new IllegalArgumentException("orderflow.backorder.silent-delay must not be negative");
        }
    }
}
