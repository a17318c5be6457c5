package com.orderflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Payment settings that leave no time to renew an authorisation stop the service at startup, not orders later. */
class PaymentSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aMarginAsLongAsTheAuthorisationHoldsIsRefusedAtStartup() {
        context.withPropertyValues("orderflow.payment.authorization-validity=P1D", "orderflow.payment.reauthorization-margin=P2D")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).hasStackTraceContaining(
                            "orderflow.payment.reauthorization-margin (PT48H) must be shorter than "
                                    + "orderflow.payment.authorization-validity (PT24H)");
                });
    }

    @Test
    void aValidityThatIsNotPositiveIsRefusedNamingIt() {
        for (String validity : new String[] {"-P1D", "PT0S"}) {
            context.withPropertyValues("orderflow.payment.authorization-validity=" + validity)
                    .run(started -> assertThat(started.getStartupFailure())
                            .hasStackTraceContaining("orderflow.payment.authorization-validity must be positive"));
        }
    }

    @Test
    void aMarginShorterThanTheAuthorisationRenewsInBetween() {
        context.withPropertyValues("orderflow.payment.authorization-validity=PT2M", "orderflow.payment.reauthorization-margin=PT30S")
                .run(started -> assertThat(started.getBean(PaymentSettings.class).getRenewalInterval()).isEqualTo("PT1M30S"));
    }

    @Configuration
    @EnableConfigurationProperties(PaymentSettings.class)
    static class Settings {
    }
}
