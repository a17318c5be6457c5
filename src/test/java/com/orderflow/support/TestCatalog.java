package com.orderflow.support;

import com.orderflow.inventory.BackorderPolicy;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.replenishment.Supplier;
import com.orderflow.replenishment.SupplierRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates products with their own SKUs and stock, so tests never share stock. */
public class TestCatalog {

    /** Lead time of the test supplier; backorder ETAs are this far ahead. */
    public static final Duration LEAD_TIME = Duration.ofDays(5);

    private final SupplierRepository suppliers;
    private final ProductRepository products;
    private final StockRepository stock;
    private final TransactionTemplate transaction;

    public TestCatalog(SupplierRepository suppliers, ProductRepository products, StockRepository stock,
                       TransactionTemplate transaction) {
        this.suppliers = suppliers;
        this.products = products;
        this.stock = stock;
        this.transaction = transaction;
    }

    public String product(String price, int onHand) {
        return product(price, onHand, BackorderPolicy.ALLOW);
    }

    public String product(String price, int onHand, BackorderPolicy policy) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        transaction.executeWithoutResult(status -> {
            if (!suppliers.exists("test-supplier")) {
                suppliers.save(new Supplier("test-supplier", "Test Supplier", LEAD_TIME, 1, Duration.ZERO, false));
            }
            products.save(new Product(sku, "Product " + sku, new BigDecimal(price), "EUR", "test-supplier", policy));
            stock.setOnHand(sku, onHand);
        });
        return sku;
    }
}
