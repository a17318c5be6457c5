package com.orderflow.payment;

/**
 * {@code VOIDED}: the authorisation was released with nothing captured; {@code LAPSED}: it lapsed with nothing
 * captured (the order was cancelled after the hold had ended, so nothing was released).
 */
public enum PaymentStatus {
    AUTHORIZED, DECLINED, PARTIALLY_CAPTURED, CAPTURED, VOIDED, LAPSED
}
