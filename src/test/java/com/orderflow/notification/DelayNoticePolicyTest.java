package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DelayNoticePolicyTest {

    static final Instant FIRST_PROMISE = Instant.parse("2026-03-10T09:00:00Z");

    @Test
    void delayWithinSevenDaysOfTheFirstPromiseIsNotAnnounced() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()));

        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.minus(Duration.ofDays(1)))).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE)).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T09:00:00Z"))).isFalse();
    }

    @Test
    void delayBeyondTheSilentThresholdIsAnnounced() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()));

        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-03-17T09:00:01Z"))).isTrue();
        assertThat(policy.needsNotice(FIRST_PROMISE, Instant.parse("2026-04-30T00:00:00Z"))).isTrue();
    }

    @Test
    void merchantCanMakeTheThresholdShorter() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.silent-delay", "PT30S")));

        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.plusSeconds(30))).isFalse();
        assertThat(policy.needsNotice(FIRST_PROMISE, FIRST_PROMISE.plusSeconds(31))).isTrue();
    }

    @Test
    void firstDelayNoticeOffersNothingAndTheSecondOnATenPercentDiscount() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()));

        assertThat(policy.consolationFor(1)).isEmpty();
        assertThat(policy.consolationFor(2)).contains(new ConsolationOffer(Consolation.DISCOUNT, 10));
        assertThat(policy.consolationFor(3)).contains(new ConsolationOffer(Consolation.DISCOUNT, 10));
    }

    @Test
    void merchantCanOfferFreeShippingOrNothing() {
        DelayNoticePolicy freeShipping = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.consolation", "FREE_SHIPPING",
                "orderflow.backorder.discount-percent", "25")));
        DelayNoticePolicy nothing = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.consolation", "NONE")));
        DelayNoticePolicy bigDiscount = new DelayNoticePolicy(bind(Map.of("orderflow.backorder.discount-percent", "25")));

        assertThat(freeShipping.consolationFor(2)).contains(new ConsolationOffer(Consolation.FREE_SHIPPING, 0));
        assertThat(nothing.consolationFor(2)).isEmpty();
        assertThat(bigDiscount.consolationFor(2)).contains(new ConsolationOffer(Consolation.DISCOUNT, 25));
    }

    @Test
    void noticesAreCountedFromOne() {
        DelayNoticePolicy policy = new DelayNoticePolicy(bind(Map.of()));

        assertThatThrownBy(() -> policy.consolationFor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DelayNoticeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("orderflow.backorder", DelayNoticeProperties.class);
    }
}
