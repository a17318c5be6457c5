package com.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;

/** {@code allocatedAt}: when a receipt last gave this line units, or null. */
public record OrderLine(int lineNo, String sku, int quantity, BigDecimal unitPrice, int reserved, int backordered,
                        int shipped, int cancelled, Instant allocatedAt) {

    /** Units neither shipped nor cancelled. */
    public int open() {
        return quantity - shipped - cancelled;
    }
}
