package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A negative confirmation timeout started cleanly and made an incident of every purchase order. */
class ReplenishmentSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"confirmation-timeout, -P2D", "confirmation-timeout, PT0S", "receipt-grace, -P1D",
            "receipt-grace, PT0S",
            "learned-eta-deliveries, 0", "learned-eta-minimum-deliveries, -1"})
    void aSettingNoPurchaseOrderCanBeWatchedWithStopsTheStartNamingIt(String setting, String value) {
        assertThat(SettingsBinding.refusalOf(ReplenishmentSettings.class, "orderflow.replenishment", setting, value))
                .hasStackTraceContaining("orderflow.replenishment." + setting + " must");
    }

    @Test
    void aMinimumOfDeliveriesAboveTheDeliveriesReadStopsTheStart() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class)
                .withPropertyValues("orderflow.replenishment.learned-eta-deliveries=2",
                        "orderflow.replenishment.learned-eta-minimum-deliveries=3")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "orderflow.replenishment.learned-eta-minimum-deliveries (3) must not exceed"
                                + " orderflow.replenishment.learned-eta-deliveries (2)"));
    }

    @Configuration
    @EnableConfigurationProperties(ReplenishmentSettings.class)
    static class Settings {
    }
}
