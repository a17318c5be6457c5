package com.orderflow.api;

/** The addressed resource does not exist; answered with {@code 404}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
