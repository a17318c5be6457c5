package com.orderflow.shipping;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Holds a partial parcel open for a while after a receipt gave its order units (see
 * {@link ShippingSettings#getParcelCollection()}): the rest of a delivery, booked product by product,
 * joins the same parcel instead of each product leaving in one of its own.
 */
@Component
public class ParcelCollection {

    private final ShipmentRepository shipments;
    private final ShippingSettings settings;
    private final Clock clock;

    public ParcelCollection(ShipmentRepository shipments, ShippingSettings settings, Clock clock) {
        this.shipments = shipments;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * When the order's next parcel closes, while it is still collecting: the window counts from the
     * first receipt since the order's last parcel, so receipts arriving in a steady trickle cannot
     * hold the parcel back for longer than one window. Empty: the parcel may leave now (no receipt
     * gave units since the last parcel, nothing more can come through goods-in, the window is off, or it
     * has passed).
     */
    public Optional<Instant> closesAt(String orderId) {
        if (settings.getParcelCollection().isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return shipments.collectingSince(orderId)
                .map(opened -> opened.plus(settings.getParcelCollection()))
                .filter(closes -> closes.isAfter(now));
    }
}
