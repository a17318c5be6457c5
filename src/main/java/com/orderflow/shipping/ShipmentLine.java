package com.orderflow.shipping;

import java.math.BigDecimal;
import java.util.List;

public record ShipmentLine(int lineNo, String sku, int quantity, BigDecimal unitPrice) {

    /** What a parcel of these lines is worth. */
    public static BigDecimal value(List<ShipmentLine> lines) {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
