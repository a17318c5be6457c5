package com.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProductRepository {

    private static final RowMapper<Product> PRODUCT = (rs, n) -> new Product(rs.getString("sku"),
            rs.getString("name"), rs.getBigDecimal("price"), rs.getString("currency"), rs.getString("supplier_id"),
            BackorderPolicy.valueOf(rs.getString("backorder_policy")));

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProductRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Product> find(String sku) {
        return jdbc.sql("SELECT * FROM product WHERE sku = ?").param(sku).query(PRODUCT).optional();
    }

    public Map<String, Product> findAll(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<Product> found = jdbc.sql("SELECT * FROM product WHERE sku IN (:skus)")
                .param("skus", skus).query(PRODUCT).list();
        return found.stream().collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    /** Inserts or updates; a new product starts with an empty stock row. Answers whether it was new. */
    public boolean save(Product product) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                        UPDATE product SET name = ?, price = ?, currency = ?, supplier_id = ?, backorder_policy = ?,
                               updated_at = ?
                        WHERE sku = ?""")
                .params(product.name(), product.price(), product.currency(), product.supplierId(),
                        product.backorderPolicy().name(), now, product.sku())
                .update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO product (sku, name, price, currency, supplier_id, backorder_policy, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(product.sku(), product.name(), product.price(), product.currency(), product.supplierId(),
                        product.backorderPolicy().name(), now, now)
                .update();
        jdbc.sql("INSERT INTO stock (sku, on_hand, reserved, updated_at) VALUES (?, 0, 0, ?)")
                .params(product.sku(), now).update();
        return true;
    }
}
