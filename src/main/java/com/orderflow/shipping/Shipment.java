package com.orderflow.shipping;

import java.math.BigDecimal;
import java.util.List;

public record Shipment(String id, String orderId, int seq, String status, String carrier, String trackingNumber,
                       List<ShipmentLine> lines) {

    public BigDecimal value() {
        return ShipmentLine.value(lines);
    }
}
