package com.orderflow.replenishment;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SupplierRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    public SupplierRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static final RowMapper<Supplier> SUPPLIER = (rs, n) -> new Supplier(rs.getString("id"), rs.getString("name"),
            Duration.parse(rs.getString("lead_time")), rs.getInt("min_order_quantity"),
            Duration.parse(rs.getString("batching_window")), rs.getBoolean("drop_ship"));

    public Optional<Supplier> find(String id) {
        return jdbc.sql("SELECT id, name, lead_time, min_order_quantity, batching_window, drop_ship FROM supplier WHERE id = ?")
                .param(id).query(SUPPLIER).optional();
    }

    /** Every supplier, by id. */
    public List<Supplier> findAll() {
        return jdbc.sql("SELECT id, name, lead_time, min_order_quantity, batching_window, drop_ship FROM supplier ORDER BY id")
                .query(SUPPLIER).list();
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM supplier WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }

    /** Inserts or updates; answers whether the supplier was new. */
    public boolean save(Supplier supplier) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                        UPDATE supplier SET name = ?, lead_time = ?, min_order_quantity = ?, batching_window = ?,
                               drop_ship = ?, updated_at = ?
                        WHERE id = ?""")
                .params(supplier.name(), supplier.leadTime().toString(), supplier.minOrderQuantity(),
                        supplier.batchingWindow().toString(), supplier.dropShip(), now, supplier.id())
                .update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO supplier (id, name, lead_time, min_order_quantity, batching_window, drop_ship,
                                              created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(supplier.id(), supplier.name(), supplier.leadTime().toString(), supplier.minOrderQuantity(),
                        supplier.batchingWindow().toString(), supplier.dropShip(), now, now)
                .update();
        return true;
    }
}
