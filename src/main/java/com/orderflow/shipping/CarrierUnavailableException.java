package com.orderflow.shipping;

/** The carrier failed transiently; the engine retries the step. */
public class CarrierUnavailableException extends RuntimeException {

    public CarrierUnavailableException(String message) {
        super(message);
    }
}
