package com.orderflow.order;

import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.process.OrderProcess;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_ValidateOrder}: the API checked the request; this checks that the order
 * can still be fulfilled as placed (products still sold, one currency, still open).
 */
@Component
public class ValidateOrderDelegate implements JavaDelegate {

    private final OrderRepository orders;
    private final ProductRepository products;

    public ValidateOrderDelegate(OrderRepository orders, ProductRepository products) {
        this.orders = orders;
        this.products = products;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Order order = orders.find((String) execution.getVariable(OrderProcess.VAR_ORDER_ID)).orElseThrow();
        Map<String, Product> catalog = products.findAll(order.lines().stream().map(OrderLine::sku).toList());
        boolean valid = order.status() == OrderStatus.ACCEPTED && !order.lines().isEmpty()
                && order.lines().stream().allMatch(line -> catalog.containsKey(line.sku())
                        && catalog.get(line.sku()).currency().equals(order.currency()));
        if (!valid) {
            execution.setVariable(OrderProcess.VAR_REJECT_REASON, "INVALID_ORDER");
            throw new BpmnError(OrderProcess.ERROR_ORDER_INVALID, "order cannot be fulfilled as placed");
        }
    }
}
