package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NotificationPropertiesTest {

    @Test
    void defaultsPollEveryFiveSecondsAndBackOffFromThirtySecondsToAnHour() {
        NotificationProperties settings = bind(Map.of());

        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.batchSize()).isEqualTo(20);
        assertThat(settings.maxAttempts()).isEqualTo(8);
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.backoff().afterAttempt(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff().afterAttempt(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff().afterAttempt(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.backoff().afterAttempt(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(settings.backoff().afterAttempt(8)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff().afterAttempt(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everySettingBindsFromItsDocumentedName() {
        NotificationProperties settings = bind(Map.of(
                "orderflow.notification.from", "Shop <shop@shop.example>",
                "orderflow.notification.shop-name", "Shop",
                "orderflow.notification.time-zone", "UTC",
                "orderflow.notification.poll-interval", "PT1S",
                "orderflow.notification.batch-size", "5",
                "orderflow.notification.max-attempts", "3",
                "orderflow.notification.backoff.initial", "PT10S",
                "orderflow.notification.backoff.multiplier", "3",
                "orderflow.notification.backoff.max", "PT1M",
                "orderflow.notification.claim-timeout", "PT2M"));

        assertThat(settings.from()).isEqualTo("Shop <shop@shop.example>");
        assertThat(settings.shopName()).isEqualTo("Shop");
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.batchSize()).isEqualTo(5);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.claimTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.backoff().afterAttempt(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff().afterAttempt(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff().afterAttempt(3)).isEqualTo(Duration.ofMinutes(1));
    }

    /** A typo in the sender failed every notice at its first attempt, reading like a bad customer address. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {"from | Orderflow orders at example", "from | orders@", "poll-interval | PT0S",
            "poll-interval | -PT5S", "claim-timeout | PT0S", "backoff.initial | -PT30S", "backoff.max | PT1S"})
    void aSettingNoNoticeCanBeSentWithStopsTheStartNamingIt(String setting, String value) {
        assertThatThrownBy(() -> bind(Map.of("orderflow.notification." + setting, value)))
                .hasStackTraceContaining("orderflow.notification." + setting).hasStackTraceContaining(" must ");
    }

    private static NotificationProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("orderflow.notification", NotificationProperties.class);
    }
}
