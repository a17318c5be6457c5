package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A negative failure window started cleanly and switched the only guard against password guessing off. */
class LoginSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"failure-window, -PT1M", "failure-window, PT0S", "max-failures, 0", "max-failures, -3", "cache-ttl, -PT1S"})
    void aSettingThatSwitchesTheThrottleOffStopsTheStartNamingIt(String setting, String value) {
        context.withPropertyValues("orderflow.login." + setting + "=" + value).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).hasStackTraceContaining("orderflow.login." + setting + " must");
        });
    }

    @Configuration
    @EnableConfigurationProperties(LoginSettings.class)
    static class Settings {
    }
}
