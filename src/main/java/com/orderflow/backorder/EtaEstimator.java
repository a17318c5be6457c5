package com.orderflow.backorder;

import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.replenishment.Supplier;
import com.orderflow.replenishment.SupplierRepository;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Promises a date for units that are not in stock. Until purchase orders exist, the only inbound
 * goods are receipts nobody announced, so the promise is the supplier's lead time plus its
 * batching window (demand may wait that long before it is ordered).
 */
@Component
public class EtaEstimator {

    private final ProductRepository products;
    private final SupplierRepository suppliers;
    private final Clock clock;

    public EtaEstimator(ProductRepository products, SupplierRepository suppliers, Clock clock) {
        this.products = products;
        this.suppliers = suppliers;
        this.clock = clock;
    }

    public Eta estimate(String sku) {
        Product product = products.find(sku).orElseThrow();
        Supplier supplier = suppliers.find(product.supplierId()).orElseThrow();
        Instant at = clock.instant().plus(supplier.leadTime()).plus(supplier.batchingWindow());
        return new Eta(at, EtaBasis.LEAD_TIME);
    }
}
