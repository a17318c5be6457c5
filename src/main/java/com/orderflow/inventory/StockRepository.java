package com.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StockRepository {

    private static final RowMapper<Stock> STOCK =
            (rs, n) -> new Stock(rs.getString("sku"), rs.getInt("on_hand"), rs.getInt("reserved"));

    private final JdbcClient jdbc;
    private final Clock clock;

    public StockRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Stock> find(String sku) {
        return jdbc.sql("SELECT * FROM stock WHERE sku = ?").param(sku).query(STOCK).optional();
    }

    /**
     * Locks the stock rows of the given products until the transaction ends. Always in SKU order,
     * so two orders sharing products cannot deadlock.
     */
    public List<Stock> lock(Collection<String> skus) {
        return jdbc.sql("SELECT * FROM stock WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
                .param("skus", skus).query(STOCK).list();
    }

    public void reserve(String sku, int quantity) {
        change(sku, 0, quantity);
    }

    public void release(String sku, int quantity) {
        change(sku, 0, -quantity);
    }

    /** Shipped units leave the warehouse and their reservation. */
    public void consumeReserved(String sku, int quantity) {
        change(sku, -quantity, -quantity);
    }

    /** Received units join the warehouse; {@code allocated} of them are promised to waiting orders at once. */
    public void receive(String sku, int quantity, int allocated) {
        change(sku, quantity, allocated);
    }

    public void recordLoss(String sku, int before, int after, String countedBy) {
        jdbc.sql("""
                        INSERT INTO stock_loss (sku, quantity, on_hand_before, on_hand_after, counted_by, counted_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(sku, before - after, before, after, countedBy, OffsetDateTime.now(clock)).update();
    }

    public void setOnHand(String sku, int onHand) {
        jdbc.sql("UPDATE stock SET on_hand = ?, updated_at = ? WHERE sku = ?")
                .params(onHand, OffsetDateTime.now(clock), sku).update();
    }

    private void change(String sku, int onHandDelta, int reservedDelta) {
        int updated = jdbc.sql("UPDATE stock SET on_hand = on_hand + ?, reserved = reserved + ?, updated_at = ? WHERE sku = ?")
                .params(onHandDelta, reservedDelta, OffsetDateTime.now(clock), sku).update();
        if (updated != 1) {
            throw new IllegalStateException("No stock row for " + sku);
        }
    }
}
