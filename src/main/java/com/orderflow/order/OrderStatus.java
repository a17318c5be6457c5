package com.orderflow.order;

public enum OrderStatus {
    ACCEPTED, BACKORDERED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, REJECTED
}
