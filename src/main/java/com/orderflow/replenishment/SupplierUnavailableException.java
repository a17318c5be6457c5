package com.orderflow.replenishment;

/** The supplier could not take the order right now; the engine retries, then raises an incident. */
public class SupplierUnavailableException extends RuntimeException {

    public SupplierUnavailableException(String message) {
        super(message);
    }
}
