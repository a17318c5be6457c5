package com.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code allocatedAt}: when a receipt last gave this line units, or null. {@code refused}: the line
 * made the order fail (its product takes no backorders and too few were in stock).
 */
public record OrderLine(int lineNo, String sku, int quantity, BigDecimal unitPrice, int reserved, int backordered,
                        int shipped, int cancelled, Instant allocatedAt, boolean refused) {

    /** Units neither shipped nor cancelled. */
    public int open() {
        return quantity - shipped - cancelled;
    }
}
