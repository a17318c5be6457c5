package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A retry cycle the engine cannot read started cleanly; the engine then retried each failing outside call
 * three times at once, and a short outage made an incident of every order in flight.
 */
class ProcessSettingsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"R3/5S", "five times", "R5/PT30S,soon"})
    void aRetryCycleTheEngineCannotReadStopsTheStartNamingIt(String cycle) {
        assertThat(SettingsBinding.refusalOf(ProcessSettings.class, "orderflow.process", "remote-call-retry", cycle))
                .hasStackTraceContaining("orderflow.process.remote-call-retry must");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"R5/PT30S", "PT10S,PT1M,PT5M"})
    void repeatingIntervalsAndListsOfIntervalsAreTaken(String cycle) {
        assertThat(SettingsBinding.refusalOf(ProcessSettings.class, "orderflow.process", "remote-call-retry", cycle)).isNull();
    }
}
