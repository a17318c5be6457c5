package com.orderflow.payment;

import java.math.BigDecimal;

/**
 * The payment provider. Every call carries an idempotency key: the provider answers a repeated
 * key with the first call's result instead of moving money again.
 */
public interface PaymentGateway {

    /** @throws PaymentDeclinedException when the provider refuses the payment (a business outcome) */
    String authorize(String idempotencyKey, String token, BigDecimal amount, String currency, String reference);

    String capture(String idempotencyKey, String authorizationId, BigDecimal amount);

    String voidAuthorization(String idempotencyKey, String authorizationId, BigDecimal amount);

    String refund(String idempotencyKey, String authorizationId, BigDecimal amount);
}
