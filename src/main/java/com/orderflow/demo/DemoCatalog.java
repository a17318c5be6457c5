package com.orderflow.demo;

import com.orderflow.inventory.BackorderPolicy;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.replenishment.Supplier;
import com.orderflow.replenishment.SupplierRepository;
import java.math.BigDecimal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds suppliers, products and stock so that a fresh service can take orders at once.
 * Only what is missing is created: a merchant's own changes to demo items survive a restart.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "orderflow.demo.data", havingValue = "true")
public class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final SupplierRepository suppliers;
    private final ProductRepository products;
    private final StockRepository stock;
    private final TransactionTemplate transaction;

    public DemoCatalog(SupplierRepository suppliers, ProductRepository products, StockRepository stock,
                       TransactionTemplate transaction) {
        this.suppliers = suppliers;
        this.products = products;
        this.stock = stock;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            transaction.executeWithoutResult(status -> seed());
        } catch (DuplicateKeyException anotherNodeSeeded) {
            log.info("Demo catalog was seeded by another node");
        }
    }

    private void seed() {
        supplier(new Supplier("nordic-woods", "Nordic Woods AB", Duration.ofDays(5), 10, Duration.ofDays(2), false));
        supplier(new Supplier("brass-and-light", "Brass & Light GmbH", Duration.ofDays(3), 1, Duration.ZERO, true));
        product("CHAIR-OAK", "Oak dining chair", "149.00", "nordic-woods", BackorderPolicy.ALLOW, 25);
        product("TABLE-OAK", "Oak dining table", "899.00", "nordic-woods", BackorderPolicy.ALLOW, 3);
        product("SHELF-PINE", "Pine bookshelf", "229.00", "nordic-woods", BackorderPolicy.ALLOW, 0);
        product("LAMP-BRASS", "Brass floor lamp", "189.00", "brass-and-light", BackorderPolicy.ALLOW, 8);
        product("VASE-LIMITED", "Limited edition vase", "59.00", "brass-and-light", BackorderPolicy.DENY, 5);
    }

    private void supplier(Supplier supplier) {
        if (!suppliers.exists(supplier.id())) {
            suppliers.save(supplier);
        }
    }

    private void product(String sku, String name, String price, String supplierId, BackorderPolicy policy,
                         int onHand) {
        if (products.find(sku).isEmpty()) {
            products.save(new Product(sku, name, new BigDecimal(price), "EUR", supplierId, policy));
            stock.setOnHand(sku, onHand);
            log.info("Demo product {} with {} in stock", sku, onHand);
        }
    }
}
