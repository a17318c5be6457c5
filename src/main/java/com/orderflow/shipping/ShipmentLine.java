package com.orderflow.shipping;

import java.math.BigDecimal;

public record ShipmentLine(int lineNo, String sku, int quantity, BigDecimal unitPrice) {
}
