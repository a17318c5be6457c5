package com.orderflow.backorder;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a backordered line's customer was promised and last told (V38): its delays are measured against these.
 * A table of its own, not columns on {@code backorder}: a receipt locks backorders before order lines, the order's
 * steps the other way round, and writing here keeps them apart.
 */
@Repository
public class BackorderPromises {

    private final JdbcClient jdbc;

    public BackorderPromises(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The date a line is promised as it is backordered; written with the backorder, which the row refers to. */
    public void record(long backorderId, Instant eta) {
        jdbc.sql("INSERT INTO backorder_promise (backorder_id, first_promised_eta) VALUES (?, ?)")
                .params(backorderId, eta.atOffset(ZoneOffset.UTC)).update();
    }

    /** A delay notice gave each waiting line of the order its date as it stands. */
    public void recordAnnounced(String orderId) {
        recordToldAsItStands(orderId, "");
    }

    /**
     * A notice other than a delay notice gave each waiting line its date (a parcel's notice lists the rest): a date
     * earlier than what the customer knew is what they know now. A later one is not recorded: that is a delay still
     * to be announced.
     */
    public void recordEarlierTold(String orderId) {
        recordToldAsItStands(orderId, " AND b.eta < COALESCE(backorder_promise.announced_eta, backorder_promise.first_promised_eta)");
    }

    private void recordToldAsItStands(String orderId, String condition) {
        jdbc.sql("""
                        UPDATE backorder_promise
                        SET announced_eta = (SELECT b.eta FROM backorder b WHERE b.id = backorder_promise.backorder_id)
                        WHERE backorder_id IN (SELECT b.id FROM backorder b WHERE b.order_id = ? AND b.status = 'OPEN'
                                               AND b.open_quantity > 0 AND b.eta IS NOT NULL""" + condition + ")")
                .param(orderId).update();
    }
}
