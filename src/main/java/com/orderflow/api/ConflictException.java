package com.orderflow.api;

/** The request contradicts the current state of a resource; answered with {@code 409}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
