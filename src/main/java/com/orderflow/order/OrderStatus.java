package com.orderflow.order;

import java.util.Arrays;
import java.util.List;

public enum OrderStatus {
    ACCEPTED, BACKORDERED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, REJECTED;

    /** Shipped in full, cancelled or rejected: nothing is left to ship, and no money moves but by ops. */
    public boolean isFinished() {
        return this == SHIPPED || this == CANCELLED || this == REJECTED;
    }

    /** The names of the finished statuses, for SQL's {@code status IN (...)} with one parameter each. */
    public static List<String> finishedNames() {
        return Arrays.stream(values()).filter(OrderStatus::isFinished).map(Enum::name).toList();
    }
}
