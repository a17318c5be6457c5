package com.orderflow.replenishment;

import java.util.List;

/**
 * The supplier's ordering system. A repeated idempotency key returns the first call's reference
 * instead of placing a second order.
 */
public interface SupplierGateway {

    /** Places the order; answers the supplier's reference. */
    String placeOrder(String idempotencyKey, String supplierId, List<PurchaseOrderLine> lines, boolean dropShip);

    /** Cancels a placed order (a drop-ship order whose customer cancelled); throws when the supplier cannot be reached. */
    void cancelOrder(String idempotencyKey, String supplierId, String supplierReference);
}
