package com.orderflow.backorder;

import java.time.Instant;

/** The units of one order line still waiting for goods. */
public record Backorder(long id, String orderId, int lineNo, String sku, int quantity, int openQuantity, int priority,
                        Instant orderedAt, Instant eta, EtaBasis etaBasis, String status, boolean dropShip) {
}
