package com.orderflow.choice;

import com.orderflow.backorder.BackorderService;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.payment.PaymentService;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.OrderResumption;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_CancelBackorderedRest}: the customer takes what is available now. Open
 * backorders are withdrawn, their share of the authorisation is voided (key per order, so a retry
 * voids nothing twice), and the waiting order is woken to ship what it holds.
 */
@Component
public class CancelBackorderedRestDelegate implements JavaDelegate {

    private final OrderRepository orders;
    private final BackorderService backorders;
    private final PaymentService payments;
    private final OrderResumption resumption;

    public CancelBackorderedRestDelegate(OrderRepository orders, BackorderService backorders, PaymentService payments,
                                         OrderResumption resumption) {
        this.orders = orders;
        this.backorders = backorders;
        this.payments = payments;
        this.resumption = resumption;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Order order = orders.lock(orderId).orElseThrow();
        if (order.cancelRequested()) {
            // The cancellation releases all of the authorisation under a key of its own. Releasing the rest's
            // share here as well voided it twice at the provider when this step then lost its transaction
            // to the cancellation: its retry, which would have recorded the share, never came.
            return;
        }
        Map<Integer, OrderLine> lines = order.lines().stream()
                .collect(Collectors.toMap(OrderLine::lineNo, Function.identity()));
        // What the withdrawal found still open under the stock locks, not what was open before them:
        // a receipt may have filled a backorder meanwhile, and those units ship and are charged.
        BigDecimal share = backorders.withdraw(orderId).stream()
                .map(b -> lines.get(b.lineNo()).unitPrice().multiply(BigDecimal.valueOf(b.openQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        payments.voidShare(orderId, share, "void-rest:" + orderId);
        resumption.stockAllocated(List.of(orderId));
    }
}
