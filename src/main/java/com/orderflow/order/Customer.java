package com.orderflow.order;

public record Customer(String name, String email, String locale) {
}
