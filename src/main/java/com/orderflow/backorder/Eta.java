package com.orderflow.backorder;

import java.time.Instant;

/** When a backordered unit is expected, and what that promise rests on. */
public record Eta(Instant at, EtaBasis basis) {
}
