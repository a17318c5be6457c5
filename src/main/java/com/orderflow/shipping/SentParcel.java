package com.orderflow.shipping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A parcel of an order as its customer and the shop follow it: packed or dispatched, by whom, its tracking number, what
 * it holds and what was charged for it (the capture keyed to it; nothing for a parcel left unpaid or still packed).
 */
public record SentParcel(String shipmentId, String status, boolean dropShip, String carrier, String trackingNumber,
                         Instant dispatchedAt, BigDecimal charged, List<ShipmentLine> lines) {

    public BigDecimal value() {
        return ShipmentLine.value(lines);
    }
}
