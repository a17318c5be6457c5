package com.orderflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.support.SettingsBinding;
import org.junit.jupiter.api.Test;

/** A negative parcel window would make every partial parcel "closed" before it opened: refused at start. */
class ShippingSettingsTest {

    @Test
    void aNegativeParcelCollectionStopsTheStartNamingIt() {
        assertThat(SettingsBinding.refusalOf(ShippingSettings.class, "orderflow.shipping", "parcel-collection", "-PT1H"))
                .hasStackTraceContaining("orderflow.shipping.parcel-collection must be zero or positive");
    }

    @Test
    void zeroAndHoursAreTaken() {
        assertThat(SettingsBinding.refusalOf(ShippingSettings.class, "orderflow.shipping", "parcel-collection", "PT0S")).isNull();
        assertThat(SettingsBinding.refusalOf(ShippingSettings.class, "orderflow.shipping", "parcel-collection", "2h")).isNull();
    }
}
