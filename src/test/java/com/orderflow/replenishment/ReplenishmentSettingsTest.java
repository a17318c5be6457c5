package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A negative confirmation timeout started cleanly and made an incident of every purchase order. */
class ReplenishmentSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"confirmation-timeout, -P2D", "confirmation-timeout, PT0S", "receipt-grace, -P1D",
            "learned-eta-deliveries, 0", "learned-eta-minimum-deliveries, -1"})
    void aSettingNoPurchaseOrderCanBeWatchedWithStopsTheStartNamingIt(String setting, String value) {
        context.withPropertyValues("orderflow.replenishment." + setting + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).hasStackTraceContaining("orderflow.replenishment." + setting + " must");
        });
    }

    @Configuration
    @EnableConfigurationProperties(ReplenishmentSettings.class)
    static class Settings {
    }
}
