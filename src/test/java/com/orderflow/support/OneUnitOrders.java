package com.orderflow.support;

import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Places Ada's order for one unit of a product, paid by a card that works, and answers its process. */
public final class OneUnitOrders {

    private OneUnitOrders() {
    }

    public static ProcessInstance place(OrderService orders, RuntimeService runtime, String idPrefix, String sku) {
        String orderId = idPrefix + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 1)), ShipPolicy.COMPLETE, 0,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }
}
