package com.orderflow.payment;

/** The provider could not be reached or failed transiently; the engine retries the step. */
public class PaymentGatewayUnavailableException extends RuntimeException {

    public PaymentGatewayUnavailableException(String message) {
        super(message);
    }
}
