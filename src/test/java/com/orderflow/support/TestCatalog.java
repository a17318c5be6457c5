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
        return product(sku, "Product " + sku, price, onHand, policy);
    }

    /** A product of a new drop-ship supplier, none in stock: its backorders are shipped by the supplier. */
    public String dropShipProduct(String supplierId, String price) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        transaction.executeWithoutResult(status -> {
            suppliers.save(new Supplier(supplierId, "Drop-ship supplier " + supplierId, LEAD_TIME, 1, Duration.ZERO, true));
            products.save(new Product(sku, "Product " + sku, new BigDecimal(price), "EUR", supplierId, BackorderPolicy.ALLOW));
            stock.setOnHand(sku, 0);
        });
        return sku;
    }

    /** A product of its own supplier, whose lead time differs from the test supplier's: its ETAs do too. */
    public String productOf(String supplierId, Duration leadTime, String price, int onHand) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        transaction.executeWithoutResult(status -> {
            if (!suppliers.exists(supplierId)) {
                suppliers.save(new Supplier(supplierId, "Supplier " + supplierId, leadTime, 1, Duration.ZERO, false));
            }
            products.save(new Product(sku, "Product " + sku, new BigDecimal(price), "EUR", supplierId, BackorderPolicy.ALLOW));
            stock.setOnHand(sku, onHand);
        });
        return sku;
    }

    /**
     * The longest SKU and name the API takes (64 and 200 characters), unique by their start: for
     * orders as large as the API takes.
     */
    public String longestProduct(String price, int onHand) {
        String sku = longestSku();
        return product(sku, sku.substring(0, 11) + " Oak & ash chair, \"Nordic\" <large> ".repeat(10).substring(0, 189),
                price, onHand, BackorderPolicy.ALLOW);
    }

    /** A SKU as long as the API takes (64 characters): {@code L-<8 hex digits>-} and X up to the end. */
    public static String longestSku() {
        String start = "L-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
        return start + "X".repeat(64 - start.length());
    }

    private String product(String sku, String name, String price, int onHand, BackorderPolicy policy) {
        transaction.executeWithoutResult(status -> {
            if (!suppliers.exists("test-supplier")) {
                suppliers.save(new Supplier("test-supplier", "Test Supplier", LEAD_TIME, 1, Duration.ZERO, false));
            }
            products.save(new Product(sku, name, new BigDecimal(price), "EUR", "test-supplier", policy));
            stock.setOnHand(sku, onHand);
        });
        return sku;
    }
}
