package com.orderflow.backorder;

import com.orderflow.delay.DelaySettings;
import com.orderflow.inventory.BackorderPolicy;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.replenishment.PurchaseOrder;
import com.orderflow.replenishment.PurchaseOrderRepository;
import com.orderflow.replenishment.Supplier;
import com.orderflow.replenishment.SupplierHistory;
import com.orderflow.replenishment.SupplierRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Promises dates for units that are not in stock. The first choice is inbound goods not yet
 * promised to earlier backorders (an open purchase order and its ETA); otherwise the supplier's
 * lead time from when the demand will be ordered, corrected by the supplier's typical lateness once
 * its history has enough deliveries to learn from.
 */
@Component
public class EtaEstimator {

    private final ProductRepository products;
    private final SupplierRepository suppliers;
    private final PurchaseOrderRepository purchaseOrders;
    private final SupplierHistory history;
    private final DelaySettings delays;
    private final Clock clock;

    public EtaEstimator(ProductRepository products, SupplierRepository suppliers,
                        PurchaseOrderRepository purchaseOrders, SupplierHistory history, DelaySettings delays,
                        Clock clock) {
        this.products = products;
        this.suppliers = suppliers;
        this.purchaseOrders = purchaseOrders;
        this.history = history;
        this.delays = delays;
        this.clock = clock;
    }

    /** The ETA of goods ordered from the supplier at {@code orderedAt}. */
    public Eta fromLeadTime(Supplier supplier, Instant orderedAt) {
        Instant nominal = orderedAt.plus(supplier.leadTime());
        Optional<Duration> lateness = history.typicalLateness(supplier.id());
        if (lateness.isEmpty()) {
            return new Eta(nominal, EtaBasis.LEAD_TIME);
        }
        // A supplier typically early is promised its lead time, not its earliness: three days early on a three-day
        // lead time promised "today", a date that passed at once. The reorder-point report counts it so too.
        return new Eta(lateness.get().isNegative() ? nominal : nominal.plus(lateness.get()), EtaBasis.LEARNED);
    }

    /**
     * The purchase order's ETA while it is ahead. One that passed without the goods (a supplier that
     * never confirmed is not chased for them) is no promise: a backorder waiting on it moves the
     * overdue step on at once, so that step from now is what a new backorder or the shop is told.
     */
    public Eta ofPurchaseOrder(PurchaseOrder purchaseOrder) {
        Instant now = clock.instant();
        Instant at = purchaseOrder.eta().isAfter(now) ? purchaseOrder.eta() : now.plus(delays.getOverdueStep());
        return new Eta(at, EtaBasis.valueOf(purchaseOrder.etaBasis()));
    }

    /**
     * What an order placed now would be promised for one unit of the product; changes nothing. Null for a
     * product that takes no backorders and has nothing on its way.
     */
    public Eta preview(String sku) {
        Product product = products.find(sku).orElseThrow();
        Supplier supplier = suppliers.find(product.supplierId()).orElseThrow();
        Optional<PurchaseOrder> inbound = purchaseOrders.withUnpromisedUnits(sku, 1).stream().findFirst()
                .flatMap(purchaseOrders::find);
        if (product.backorderPolicy() == BackorderPolicy.DENY) {
            // An order placed now is rejected and raises no purchase order: only goods already on their way
            // restock it. A date from the lead time told the shop it would be back when nothing was coming.
            return inbound.map(this::ofPurchaseOrder).orElse(null);
        }
        if (supplier.dropShip()) {
            return fromLeadTime(supplier, clock.instant());
        }
        if (inbound.isPresent()) {
            return ofPurchaseOrder(inbound.get());
        }
        // As the planner decides: a unit that reaches the supplier's minimum is ordered at once, so the lead
        // time counts from now; the shop was told a whole batching window later than the order was promised.
        Instant now = clock.instant();
        Optional<PurchaseOrder> batch = purchaseOrders.collectingFor(supplier.id()).flatMap(purchaseOrders::find);
        int collected = batch.map(PurchaseOrder::totalQuantity).orElse(0);
        if (collected + 1 >= supplier.minOrderQuantity()) {
            return fromLeadTime(supplier, now);
        }
        return fromLeadTime(supplier, batch.map(PurchaseOrder::windowClosesAt).orElse(now.plus(supplier.batchingWindow())));
    }
}
