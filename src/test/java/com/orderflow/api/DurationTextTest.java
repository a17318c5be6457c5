package com.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ops read "Due PT24H" and "unclaimed for PT2M3S" where the form's other figures were in words. */
class DurationTextTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"PT24H, 1 day", "P2DT4H, 2 days 4 hours", "PT8H, 8 hours", "PT1H1M, 1 hour 1 minute",
            "PT2M3S, 2 minutes", "PT45S, 45 seconds", "PT1S, 1 second"})
    void aSpanReadsInWordsToTheMinute(String span, String words) {
        assertThat(DurationText.inWords(Duration.parse(span))).isEqualTo(words);
    }

    /** A supplier ten days early read PT-240H, and one a little less so PT-239H-59M-51S. */
    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"P30D, P30D", "PT36H, PT36H", "-P10D, -P10D", "-PT36H, -PT36H", "-PT239H59M51S, -PT239H59M51S"})
    void aDurationIsWrittenAsTheMerchantWouldAndReadBackAsIs(String span, String written) {
        assertThat(DurationText.of(Duration.parse(span))).isEqualTo(written);
        assertThat(Duration.parse(written)).isEqualTo(Duration.parse(span));
    }
}
