package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A negative number of top products started cleanly, and every backorder report then answered 500. */
class ReportSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"top-products, -1", "top-products, 0", "demand-window, -P90D", "default-period, PT0S", "service-level-z, -1"})
    void aSettingNoReportCanBeMadeWithStopsTheStartNamingIt(String setting, String value) {
        assertThat(SettingsBinding.refusalOf(ReportSettings.class, "orderflow.report", setting, value))
                .hasStackTraceContaining("orderflow.report." + setting + " must");
    }
}
