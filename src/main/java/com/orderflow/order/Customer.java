package com.orderflow.order;

public record Customer(String name, String email, String locale) {

    /** Name and address, as ops' forms show whom to write to. */
    public String contact() {
        return name + " <" + email + ">";
    }
}
