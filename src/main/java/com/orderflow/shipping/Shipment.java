package com.orderflow.shipping;

import java.math.BigDecimal;
import java.util.List;

public record Shipment(String id, String orderId, int seq, String status, String carrier, String trackingNumber,
                       List<ShipmentLine> lines) {

    public BigDecimal value() {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
