package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A negative number of top products started cleanly, and every backorder report then answered 500. */
class ReportSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"top-products, -1", "top-products, 0", "demand-window, -P90D", "default-period, PT0S", "service-level-z, -1"})
    void aSettingNoReportCanBeMadeWithStopsTheStartNamingIt(String setting, String value) {
        context.withPropertyValues("orderflow.report." + setting + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).hasStackTraceContaining("orderflow.report." + setting + " must");
        });
    }

    @Configuration
    @EnableConfigurationProperties(ReportSettings.class)
    static class Settings {
    }
}
