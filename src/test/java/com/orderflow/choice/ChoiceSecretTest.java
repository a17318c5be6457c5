package com.orderflow.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.OrderflowApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The production profile refuses to start without a real secret for the choice links; tokens carry their claims. */
class ChoiceSecretTest {

    @ParameterizedTest(name = "secret \"{0}\"")
    @ValueSource(strings = {"", "   ", "too-short"})
    void productionProfileRefusesToStartWithoutARealChoiceSecret(String secret) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(OrderflowApplication.class)
                .profiles("postgres")
                .properties("server.port=0", "orderflow.admin.password=a-real-admin-password",
                        "orderflow.choice.secret=" + secret, "camunda.bpm.job-execution.enabled=false");

        assertThatThrownBy(app::run).hasStackTraceContaining("ORDERFLOW_CHOICE_SECRET must be set");
    }

    @Test
    void tokenSignedWithAnotherSecretIsNotGenuine() {
        ChoiceProperties ours = new ChoiceProperties("our-secret-that-is-long-enough-for-production", Duration.ofDays(14),
                "https://shop.example", true);
        ChoiceProperties theirs = new ChoiceProperties("their-secret-that-is-long-enough-for-production", Duration.ofDays(14),
                "https://shop.example", true);
        ChoiceClaims claims = new ChoiceClaims("A-1|odd", 2, Instant.parse("2026-01-01T00:00:00Z"),
                EnumSet.of(CustomerChoice.KEEP_WAITING, CustomerChoice.CANCEL));

        String token = new ChoiceTokens(ours).sign(claims);

        assertThat(new ChoiceTokens(ours).verify(token)).contains(claims);
        assertThat(new ChoiceTokens(theirs).verify(token)).isEmpty();
        assertThat(ours.toString()).doesNotContain("our-secret");
    }

    /**
     * A genuine signature over an expiry beyond what a date can hold (only whoever has the secret can make one)
     * answered 500 with a stack trace rather than the customer's "link not valid" page.
     */
    @Test
    void aGenuineTokenExpiringBeyondAnyDateIsNotGenuine() throws Exception {
        String secret = "our-secret-that-is-long-enough-for-production";
        ChoiceTokens tokens = new ChoiceTokens(new ChoiceProperties(secret, Duration.ofDays(14), "https://shop.example", true));
        byte[] payload = "A-1|1|9223372036854775807|CANCEL".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

        assertThat(tokens.verify(base64.encodeToString(payload) + "." + base64.encodeToString(mac.doFinal(payload)))).isEmpty();
    }
}
