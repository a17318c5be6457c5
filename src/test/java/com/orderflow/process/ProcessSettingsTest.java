package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A retry cycle the engine cannot read started cleanly; the engine then retried each failing outside call
 * three times at once, and a short outage made an incident of every order in flight.
 */
class ProcessSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"R3/5S", "five times", "R5/PT30S,soon"})
    void aRetryCycleTheEngineCannotReadStopsTheStartNamingIt(String cycle) {
        context.withPropertyValues("orderflow.process.remote-call-retry=" + cycle).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).hasStackTraceContaining("orderflow.process.remote-call-retry must");
        });
    }

    @Test
    void repeatingIntervalsAndListsOfIntervalsAreTaken() {
        for (String cycle : new String[] {"R5/PT30S", "PT10S,PT1M,PT5M"}) {
            context.withPropertyValues("orderflow.process.remote-call-retry=" + cycle)
                    .run(started -> assertThat(started.getBean(ProcessSettings.class).getRemoteCallRetry()).isEqualTo(cycle));
        }
    }

    @Configuration
    @EnableConfigurationProperties(ProcessSettings.class)
    static class Settings {
    }
}
