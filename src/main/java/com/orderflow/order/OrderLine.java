package com.orderflow.order;

import java.math.BigDecimal;

public record OrderLine(int lineNo, String sku, int quantity, BigDecimal unitPrice, int reserved, int backordered,
                        int shipped, int cancelled) {

    /** Units neither shipped nor cancelled. */
    public int open() {
        return quantity - shipped - cancelled;
    }
}
