package com.orderflow.shipping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Settings of the warehouse's parcels ({@code orderflow.shipping.*}). */
@Component("shippingSettings")
@ConfigurationProperties(prefix = "orderflow.shipping")
public class ShippingSettings {

    /**
     * How long a parcel of a {@code PARTIAL} order collects stock after a receipt gave it units while
     * more of the order is still awaited. Goods-in books a delivery one product at a time; without
     * the window each booking sent a parcel and an e-mail of its own. The parcel leaves when the
     * window closes, or at once when the order's last awaited unit arrives. {@code PT0S}: every
     * receipt's units leave at once.
     */
    private Duration parcelCollection = Duration.ofHours(1);

    public Duration getParcelCollection() {
        return parcelCollection;
    }

    public void setParcelCollection(Duration parcelCollection) {
        if (parcelCollection == null || parcelCollection.isNegative()) {
            throw new IllegalArgumentException("orderflow.shipping.parcel-collection must be zero or positive");
        }
        this.parcelCollection = parcelCollection;
    }
}
