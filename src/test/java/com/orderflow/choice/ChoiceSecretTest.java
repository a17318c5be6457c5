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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The production profile refuses to start without a real secret for the choice links; tokens carry their claims. */
@ExtendWith(OutputCaptureExtension.class)
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
                "https://shop.example", true, null);
        ChoiceProperties theirs = new ChoiceProperties("their-secret-that-is-long-enough-for-production", Duration.ofDays(14),
                "https://shop.example", true, null);
        ChoiceClaims claims = new ChoiceClaims("A-1|odd", 2, Instant.parse("2026-01-01T00:00:00Z"),
                EnumSet.of(CustomerChoice.KEEP_WAITING, CustomerChoice.CANCEL));

        String token = new ChoiceTokens(ours).sign(claims);

        assertThat(new ChoiceTokens(ours).verify(token)).contains(claims);
        assertThat(new ChoiceTokens(theirs).verify(token)).isEmpty();
        assertThat(ours.toString()).doesNotContain("our-secret");
    }

    /**
     * Rotating the secret broke every link already e-mailed, the customers were told they had mangled it, and
     * nothing was logged: the old secret keeps its links working, and a link no secret of ours made is logged.
     */
    @Test
    void aRotatedSecretKeepsTheOldLinksWorkingAndAForeignSignatureIsLogged(CapturedOutput log) {
        String old = "the-old-secret-that-is-long-enough-for-production";
        ChoiceClaims claims = new ChoiceClaims("A-7", 1, Instant.parse("2026-01-01T00:00:00Z"), EnumSet.of(CustomerChoice.CANCEL));
        String sentBefore = new ChoiceTokens(new ChoiceProperties(old, Duration.ofDays(14), "https://shop.example", true, null))
                .sign(claims);

        ChoiceTokens rotated = new ChoiceTokens(new ChoiceProperties("the-new-secret-that-is-long-enough-for-production",
                Duration.ofDays(14), "https://shop.example", true, old));
        ChoiceTokens forgotten = new ChoiceTokens(new ChoiceProperties("the-new-secret-that-is-long-enough-for-production",
                Duration.ofDays(14), "https://shop.example", true, null));

        assertThat(rotated.verify(sentBefore)).contains(claims);
        assertThat(rotated.verify(rotated.sign(claims))).contains(claims);
        assertThat(log).doesNotContain("was signed with another ORDERFLOW_CHOICE_SECRET");
        assertThat(forgotten.verify(sentBefore)).isEmpty();
        assertThat(log).contains("A choice link naming order A-7 (notice 1) was signed with another ORDERFLOW_CHOICE_SECRET");

        // Anyone can send such links without a login, naming any order: they did not each get a line.
        for (int n = 0; n < 20; n++) {
            ChoiceClaims madeUp = new ChoiceClaims("FAKE-" + n, 1, Instant.parse("2026-01-01T00:00:00Z"), EnumSet.of(CustomerChoice.CANCEL));
            assertThat(forgotten.verify(new ChoiceTokens(new ChoiceProperties(old, Duration.ofDays(14), "https://shop.example",
                    true, null)).sign(madeUp))).isEmpty();
        }
        assertThat(log.getAll().split("was signed with another ORDERFLOW_CHOICE_SECRET", -1)).as("one line a minute").hasSize(2);
    }

    /** Links in a production notice pointed at localhost, which no customer can open, without a word at start. */
    @Test
    void aProductionBaseUrlOnLocalhostIsWarnedAbout(CapturedOutput log) {
        new ChoiceProperties("a-secret-that-is-long-enough-for-production", Duration.ofDays(14), "https://shop.example/of", true, null);
        assertThat(log).doesNotContain("ORDERFLOW_CHOICE_BASE_URL");

        new ChoiceProperties("a-secret-that-is-long-enough-for-production", Duration.ofDays(14), "http://localhost:8080", true, null);
        assertThat(log).contains("orderflow.choice.base-url (ORDERFLOW_CHOICE_BASE_URL) is http://localhost:8080");
    }

    /**
     * A genuine signature over an expiry beyond what a date can hold (only whoever has the secret can make one)
     * answered 500 with a stack trace rather than the customer's "link not valid" page.
     */
    @Test
    void aGenuineTokenExpiringBeyondAnyDateIsNotGenuine() throws Exception {
        String secret = "our-secret-that-is-long-enough-for-production";
        ChoiceTokens tokens = new ChoiceTokens(new ChoiceProperties(secret, Duration.ofDays(14), "https://shop.example", true, null));
        byte[] payload = "A-1|1|9223372036854775807|CANCEL".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

        assertThat(tokens.verify(base64.encodeToString(payload) + "." + base64.encodeToString(mac.doFinal(payload)))).isEmpty();
    }
}
