package com.orderflow.order;

/**
 * Published, within the transaction that changed it, when an open order's customer can be reached elsewhere (support
 * corrected a bounced address): open ops tasks showing the old address are written again, so ops do not write to
 * the address that bounced.
 */
public record CustomerContactChanged(String orderId, Customer customer) {
}
