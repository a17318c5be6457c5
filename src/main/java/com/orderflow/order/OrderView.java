package com.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the API shows it. */
public record OrderView(String orderId, OrderStatus status, String rejectReason, Customer customer,
                        ShipPolicy shipPolicy, String currency, BigDecimal total, List<Line> lines, Instant eta,
                        PaymentView payment, Instant createdAt, Instant updatedAt) {

    public record Line(String sku, int quantity, BigDecimal unitPrice, int reserved, int backordered, int shipped,
                       int cancelled) {
    }

    public record PaymentView(String status, BigDecimal authorized, BigDecimal captured, BigDecimal refunded,
                              BigDecimal voided) {
    }
}
