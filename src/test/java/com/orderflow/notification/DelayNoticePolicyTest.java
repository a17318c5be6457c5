package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DelayNoticePolicyTest {

    static final Instant FIRST_PROMISE = Instant.parse("2026-03-10T09:00:00Z");
    static final NotificationProperties NOTICES = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("orderflow.notification", NotificationProperties.class);

    @Test
    void delayWithinSevenDaysOfTheFirstPromiseIsNotAnnounced() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);

        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.minus(Duration.ofDays(1)), null)).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE, null)).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T09:00:00Z"), null)).isFalse();
    }

    /** Notices give days (Europe/Berlin): the seventh day after the promise is within P7D at any hour, the eighth is not. */
    @Test
    void delayBeyondTheSilentThresholdIsAnnounced() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);

        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T09:00:01Z"), null)).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T22:59:59Z"), null)).as("23:59 in Berlin").isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T23:00:00Z"), null)).as("March 18 in Berlin").isTrue();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-04-30T00:00:00Z"), null)).isTrue();
    }

    /**
     * A week's slip across the end of summer time (October 31, 2027 in Berlin, a day of 25 hours) was announced,
     * while the same slip in any other week was not: the threshold was counted in hours.
     */
    @Test
    void aWeeksSlipAcrossTheClockChangeIsWithinAWeek() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant promised = LocalDate.parse("2027-10-28").atStartOfDay(berlin).toInstant();

        assertThat(policy.needsNotice(promised, LocalDate.parse("2027-11-04").atStartOfDay(berlin).toInstant(), null)).isFalse();
        assertThat(policy.needsNotice(promised, LocalDate.parse("2027-11-05").atStartOfDay(berlin).toInstant(), null)).isTrue();
        Instant spring = LocalDate.parse("2027-03-25").atStartOfDay(berlin).toInstant();
        assertThat(policy.needsNotice(spring, LocalDate.parse("2027-04-01").atStartOfDay(berlin).toInstant(), null)).isFalse();
        assertThat(policy.needsNotice(spring, LocalDate.parse("2027-04-02").atStartOfDay(berlin).toInstant(), null)).isTrue();
    }

    /** A promise told in another zone than the one configured now counts from the day the customer read. */
    @Test
    void theThresholdCountsFromTheDayTheCustomerRead() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);
        Instant promised = Instant.parse("2027-06-10T02:00:00Z");   // June 10 in Berlin, June 9 in New York

        Instant june17 = LocalDate.parse("2027-06-17").atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(policy.needsNotice(promised, june17, null)).isFalse();
        assertThat(policy.needsNotice(promised, june17, ZoneId.of("America/New_York"))).isTrue();
    }

    @Test
    void merchantCanMakeTheThresholdShorter() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.silent-delay", "PT30S")), NOTICES);

        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.plusSeconds(30), null)).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.plusSeconds(31), null)).isTrue();
    }

    @Test
    void firstDelayNoticeOffersNothingAndTheSecondOnATenPercentDiscount() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);

        assertThat(policy.consolationFor(1)).isEmpty();
        assertThat(policy.consolationFor(2)).contains(new ConsolationOffer(Consolation.DISCOUNT, 10));
        assertThat(policy.consolationFor(3)).contains(new ConsolationOffer(Consolation.DISCOUNT, 10));
    }

    @Test
    void merchantCanOfferFreeShippingOrNothing() {
        DelayNoticePolicy freeShipping = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.consolation", "FREE_SHIPPING",
                "orderflow.backorder.discount-percent", "25")), NOTICES);
        DelayNoticePolicy nothing = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.consolation", "NONE")), NOTICES);
        DelayNoticePolicy bigDiscount = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.discount-percent", "25")), NOTICES);

        assertThat(freeShipping.consolationFor(2)).contains(new ConsolationOffer(Consolation.FREE_SHIPPING, 0));
        assertThat(nothing.consolationFor(2)).isEmpty();
        assertThat(bigDiscount.consolationFor(2)).contains(new ConsolationOffer(Consolation.DISCOUNT, 25));
    }

    @Test
    void noticesAreCountedFromOne() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);

        assertThatThrownBy(() -> policy.consolationFor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Customers read days in the notices' zone (Europe/Berlin): a later hour of the same day there is no delay. */
    @Test
    void aLaterHourOfTheSameDayWhereTheCustomerReadsItIsNoLaterDay() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()), NOTICES);
        Instant berlinMidnight = Instant.parse("2027-01-31T23:00:00Z");

        assertThat(policy.isLater(Instant.parse("2027-02-01T00:00:00Z"), berlinMidnight, null)).isFalse();
        assertThat(policy.isLater(Instant.parse("2027-02-01T22:59:59Z"), berlinMidnight, null)).isFalse();
        assertThat(policy.isLater(Instant.parse("2027-02-01T23:00:00Z"), berlinMidnight, null)).isTrue();
        assertThat(policy.isLater(FIRST_PROMISE.plusMillis(24), FIRST_PROMISE, null)).isFalse();
    }

    /** A delay cycle run in minutes, as a designer tries one: a slip within the day is a delay to the minute. */
    @Test
    void withASilentThresholdShorterThanADayALaterMinuteIsLater() {
        DelayNoticePolicy minutes = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.silent-delay", "PT2M")), NOTICES);
        DelayNoticePolicy days = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.silent-delay", "P1D")), NOTICES);

        assertThat(minutes.daysOnly()).isFalse();
        assertThat(minutes.isLater(FIRST_PROMISE.plusSeconds(60), FIRST_PROMISE, null)).isTrue();
        assertThat(minutes.isLater(FIRST_PROMISE.plusSeconds(59), FIRST_PROMISE, null)).as("the same minute").isFalse();
        assertThat(minutes.isLater(FIRST_PROMISE.plusMillis(24), FIRST_PROMISE, null)).isFalse();
        assertThat(days.daysOnly()).isTrue();
        assertThat(days.isLater(FIRST_PROMISE.plus(Duration.ofHours(5)), FIRST_PROMISE, null)).isFalse();
    }

    private static DelayNoticeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("orderflow.backorder", DelayNoticeProperties.class);
    }
}
