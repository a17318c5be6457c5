package com.orderflow.shipping;

import java.util.List;

/** The parcel carrier. A repeated idempotency key returns the first call's tracking number. */
public interface Carrier {

    String name();

    /** Hands the parcel over; answers the tracking number. */
    String dispatch(String idempotencyKey, String orderId, List<ShipmentLine> lines);
}
