package com.orderflow.notification;

import com.orderflow.order.PlaceOrderRequest;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/orders/{orderId}/customer-email}: the address as an order takes it. */
public record CustomerEmailRequest(
        @NotBlank @Size(max = PlaceOrderRequest.CustomerRequest.MAX_EMAIL_LENGTH)
        @Email(regexp = PlaceOrderRequest.EMAIL, message = PlaceOrderRequest.EMAIL_REFUSED) String email) {
}
