package com.orderflow.replenishment;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supplier will not deliver the rest of a purchase order (a short delivery, a discontinued item):
 * the warehouse closes it. Its missing units stop counting as inbound, and the backorders that waited
 * for them are planned again as new ones would be, with a new ETA their customers hear of.
 */
@Service
public class PurchaseOrderClosing {

    private final PurchaseOrderService purchaseOrders;
    private final StrandedDemandReplanner stranded;

    public PurchaseOrderClosing(PurchaseOrderService purchaseOrders, StrandedDemandReplanner stranded) {
        this.purchaseOrders = purchaseOrders;
        this.stranded = stranded;
    }

    @Transactional
    public PurchaseOrder close(String id, String reason) {
        PurchaseOrder closed = purchaseOrders.closeShort(id, reason);
        String why = "purchase order " + id + " was closed before all its goods came (" + reason + ")";
        closed.lines().forEach(line -> stranded.replan(line.sku(), why));
        return purchaseOrders.find(id);
    }
}
