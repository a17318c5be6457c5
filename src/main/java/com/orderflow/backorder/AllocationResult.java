package com.orderflow.backorder;

import java.util.List;

/**
 * What one receipt did: units given to backorders, units left for free stock, and the orders
 * that can now move on.
 */
public record AllocationResult(int allocated, int toStock, List<Allocation> allocations, List<String> ordersToResume) {
}
