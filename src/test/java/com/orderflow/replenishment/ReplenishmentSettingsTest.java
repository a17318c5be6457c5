package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
