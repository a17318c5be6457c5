package com.orderflow.payment;

public enum PaymentStatus {
    AUTHORIZED, DECLINED, PARTIALLY_CAPTURED, CAPTURED, VOIDED
}
