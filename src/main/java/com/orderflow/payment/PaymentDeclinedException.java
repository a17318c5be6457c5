package com.orderflow.payment;

/** The payment provider refused; retrying will not change its mind. */
public class PaymentDeclinedException extends RuntimeException {

    public PaymentDeclinedException(String reason) {
        super(reason);
    }
}
