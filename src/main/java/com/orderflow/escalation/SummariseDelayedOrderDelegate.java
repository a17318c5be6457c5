package com.orderflow.escalation;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.delay.DelayRepository;
import com.orderflow.delay.DelayState;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_SummariseDelayedOrder}: what ops need to decide, as variables of the
 * "Ops resolution" scope that the form {@code resolveDelayedBackorder} shows (customer, waiting lines
 * with their ETAs, how long and how often the order was delayed, the consolation given, and whether its
 * payment holds it: "ship what is available" ships nothing while a lapsed authorisation holds the order). Records
 * {@code ESCALATED} on the timeline.
 */
@Component
public class SummariseDelayedOrderDelegate implements JavaDelegate {

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final DelayRepository delays;
    private final ProductRepository products;
    private final Timeline timeline;
    private final ShopTime time;
    private final Clock clock;

    public SummariseDelayedOrderDelegate(OrderRepository orders, BackorderRepository backorders, DelayRepository delays,
                                         ProductRepository products, Timeline timeline, ShopTime time, Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.delays = delays;
        this.products = products;
        this.timeline = timeline;
        this.time = time;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Order order = orders.find(orderId).orElseThrow();
        DelayState delay = delays.find(orderId).orElseThrow();
        long waitedDays = Duration.between(order.createdAt(), clock.instant()).toDays();
        Map<String, Product> catalog = products.findAll(order.lines().stream().map(OrderLine::sku).collect(Collectors.toSet()));
        String waiting = FormText.join(backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status()))
                .map(b -> describe(b, catalog)).toList(), "\n");
        String ready = FormText.join(order.lines().stream().filter(l -> l.reserved() > 0)
                .map(l -> l.reserved() + " × " + product(l.sku(), catalog)).toList(), ", ");

        execution.setVariableLocal("customer", order.customer().name() + " <" + order.customer().email() + ">");
        execution.setVariableLocal("waitingLines", waiting.isEmpty() ? "(none)" : waiting);
        execution.setVariableLocal("readyNow", ready.isEmpty() ? "nothing" : ready);
        execution.setVariableLocal("orderedAt", time.show(order.createdAt()));
        execution.setVariableLocal("waitedDays", waitedDays);
        execution.setVariableLocal("firstPromise", time.show(delay.firstPromise()));
        execution.setVariableLocal("delayNoticesSent", delay.notices());
        execution.setVariableLocal("consolationGiven", consolation(delay));
        execution.setVariableLocal("paymentState", order.paymentLapsed()
                ? "Held: the authorisation lapsed at " + time.show(order.paymentLapsedAt()) + "; nothing ships until it is authorised"
                        + " again (task \"Resolve lapsed authorisation\")"
                : "Authorised");

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", "ops");
        details.put("delayNotices", delay.notices());
        details.put("waitedDays", waitedDays);
        timeline.record(orderId, TimelineType.ESCALATED, details, "escalated:" + orderId);
    }

    private String describe(Backorder backorder, Map<String, Product> catalog) {
        String basis = backorder.etaBasis() == null ? ""
                : " (" + backorder.etaBasis().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        return backorder.openQuantity() + " × " + product(backorder.sku(), catalog) + ", ETA " + time.show(backorder.eta())
                + basis + ", waiting since " + time.show(backorder.orderedAt());
    }

    /** As the customer's notices name it, with the SKU the warehouse and the supplier know. */
    private static String product(String sku, Map<String, Product> catalog) {
        Product product = catalog.get(sku);
        return product == null ? sku : product.name() + " (" + sku + ")";
    }

    private static String consolation(DelayState delay) {
        if (delay.consolation() == null) {
            return "none";
        }
        if ("DISCOUNT".equals(delay.consolation())) {
            return delay.discountPercent() + "% discount, code " + delay.discountCode();
        }
        return "free shipping";
    }
}
