package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.api.InvalidInputException;
import com.orderflow.notification.ShopTime;
import com.orderflow.notification.NotificationProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A supplier's date in shops east and west of UTC, at hours when the shop's day and UTC's differ. */
class SupplierDatesTest {

    /**
     * West of UTC the shop's day goes on after UTC's ended: at 18:00 on December 6 in Pago Pago (05:00 UTC on the
     * 7th) a supplier's "2026-12-06" was refused as lying before today, while a timestamp later that day passed.
     */
    @Test
    void aSuppliersTodayWestOfUtcStandsUntilTheShopsDayEnds() {
        SupplierDates dates = at("Pacific/Pago_Pago", "2026-12-07T05:00:00Z");

        assertThat(dates.promised("eta", "2026-12-06")).as("23:59 on December 6 in Pago Pago")
                .isEqualTo(Instant.parse("2026-12-07T10:59:00Z"));
        assertThat(dates.promised("eta", "2026-12-07")).as("a later day: its start there")
                .isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThatThrownBy(() -> dates.promised("eta", "2026-12-05")).isInstanceOf(InvalidInputException.class)
                .hasMessage("eta: must not lie before today");
    }

    /** East of UTC, after the shop's day ended, what is left of "today" is UTC's day, as before. */
    @Test
    void aSuppliersTodayEastOfUtcStandsUntilItsLastMinuteWhereverItLasts() {
        assertThat(at("Europe/Berlin", "2026-12-07T10:00:00Z").promised("eta", "2026-12-07"))
                .as("23:59 in Berlin").isEqualTo(Instant.parse("2026-12-07T22:59:00Z"));
        assertThat(at("Europe/Berlin", "2026-12-07T23:30:00Z").promised("eta", "2026-12-07"))
                .as("Berlin's day is over: UTC's last minute").isEqualTo(Instant.parse("2026-12-07T23:59:00Z"));
    }

    /** ISO-8601 lets the "T" and "Z" be lower case: such a timestamp was read as a plain date and answered 500. */
    @Test
    void aTimestampWrittenInLowerCaseIsATimestamp() {
        SupplierDates dates = at("Europe/Berlin", "2026-12-07T05:00:00Z");

        assertThatThrownBy(() -> dates.promised("newEta", "2026-12-07t01:00:00Z")).isInstanceOf(InvalidInputException.class)
                .hasMessage("newEta: must not lie in the past");
        assertThat(dates.promised("eta", "2026-12-09t10:00:00z")).isEqualTo(Instant.parse("2026-12-09T10:00:00Z"));
    }

    private static SupplierDates at(String zone, String now) {
        NotificationProperties notices = new Binder(new MapConfigurationPropertySource(
                Map.of("orderflow.notification.time-zone", zone))).bindOrCreate("orderflow.notification", NotificationProperties.class);
        return new SupplierDates(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), new ShopTime(notices));
    }
}
