package com.orderflow.order;

import java.util.Set;

/**
 * What {@code GET /api/orders} lists: each given part narrows the list. {@code customerEmail} matches regardless of
 * case (customers type their address as they please); {@code statuses}: any of them, all when empty; {@code unpaid}:
 * only orders with parcels left unpaid that ops have not settled.
 */
public record OrderFilter(String customerEmail, Set<OrderStatus> statuses, boolean unpaid) {
}
