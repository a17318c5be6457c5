package com.orderflow.choice;

import java.time.Instant;
import java.util.Set;

/** What a signed choice link says: whose order, from which delay notice, until when, which options. */
public record ChoiceClaims(String orderId, int notice, Instant expiresAt, Set<CustomerChoice> options) {
}
