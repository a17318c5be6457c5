package com.orderflow.payment;

import com.orderflow.api.NotFoundException;
import com.orderflow.order.OrderRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}/payment/operations}, for ops: the order's money ledger, oldest first, to reconcile
 * with the payment provider's statement. The timeline says what happened in words; the provider's ids, the keys the
 * calls carried and its refusals were in the database only. Ops only (see the security configuration).
 */
@RestController
public class PaymentOperationController {

    private final OrderRepository orders;
    private final PaymentRepository payments;

    PaymentOperationController(OrderRepository orders, PaymentRepository payments) {
        this.orders = orders;
        this.payments = payments;
    }

    @GetMapping("/api/orders/{orderId}/payment/operations")
    public List<PaymentOperation> operations(@PathVariable String orderId) {
        if (!orders.exists(orderId)) {
            throw new NotFoundException("No order " + orderId);
        }
        return payments.operationsOf(orderId);
    }
}
