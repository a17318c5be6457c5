package com.orderflow.notification;

import java.math.BigDecimal;
import java.util.List;

/** A dispatched parcel as a shipment notice shows it; {@code value} is what was charged for it. */
public record NoticeShipment(String carrier, String trackingNumber, List<NoticeLine> lines, BigDecimal value) {
}
