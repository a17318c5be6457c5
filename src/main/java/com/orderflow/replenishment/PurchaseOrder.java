package com.orderflow.replenishment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

public record PurchaseOrder(String id, String supplierId, PurchaseOrderStatus status, boolean dropShip,
                            @JsonIgnore String orderId, Instant windowClosesAt, Instant placedAt,
                            String supplierReference, Instant promisedEta, Instant eta, String etaBasis,
                            Instant confirmedAt, String delayReason, String trackingNumber, Instant createdAt,
                            List<PurchaseOrderLine> lines, @JsonIgnore Instant leadTimeEta) {

    @JsonIgnore
    public boolean isOpen() {
        return status == PurchaseOrderStatus.PLACED || status == PurchaseOrderStatus.CONFIRMED;
    }

    public int totalQuantity() {
        return lines.stream().mapToInt(PurchaseOrderLine::quantity).sum();
    }

    public boolean fullyReceived() {
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.received() >= l.quantity());
    }
}
