package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A negative failure window started cleanly and switched the only guard against password guessing off. */
class LoginSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"failure-window, -PT1M", "failure-window, PT0S", "max-failures, 0", "max-failures, -3", "cache-ttl, -PT1S"})
    void aSettingThatSwitchesTheThrottleOffStopsTheStartNamingIt(String setting, String value) {
        assertThat(SettingsBinding.refusalOf(LoginSettings.class, "orderflow.login", setting, value))
                .hasStackTraceContaining("orderflow.login." + setting + " must");
    }
}
