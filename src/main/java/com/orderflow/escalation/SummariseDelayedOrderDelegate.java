package com.orderflow.escalation;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.delay.DelayRepository;
import com.orderflow.delay.DelayState;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Timeline timeline;
    private final Clock clock;

    public SummariseDelayedOrderDelegate(OrderRepository orders, BackorderRepository backorders, DelayRepository delays,
                                         Timeline timeline, Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.delays = delays;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Order order = orders.find(orderId).orElseThrow();
        DelayState delay = delays.find(orderId).orElseThrow();
        long waitedDays = Duration.between(order.createdAt(), clock.instant()).toDays();
        String waiting = FormText.join(backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status()))
                .map(SummariseDelayedOrderDelegate::describe).toList(), "\n");
        String ready = FormText.join(order.lines().stream().filter(l -> l.reserved() > 0)
                .map(l -> l.reserved() + " × " + l.sku()).toList(), ", ");

        execution.setVariableLocal("customer", order.customer().name() + " <" + order.customer().email() + ">");
        execution.setVariableLocal("waitingLines", waiting.isEmpty() ? "(none)" : waiting);
        execution.setVariableLocal("readyNow", ready.isEmpty() ? "nothing" : ready);
        execution.setVariableLocal("orderedAt", order.createdAt().toString());
        execution.setVariableLocal("waitedDays", waitedDays);
        execution.setVariableLocal("firstPromise", String.valueOf(delay.firstPromise()));
        execution.setVariableLocal("delayNoticesSent", delay.notices());
        execution.setVariableLocal("consolationGiven", consolation(delay));
        execution.setVariableLocal("paymentState", order.paymentLapsed()
                ? "Held: the authorisation lapsed at " + order.paymentLapsedAt() + "; nothing ships until it is authorised"
                        + " again (task \"Resolve lapsed authorisation\")"
                : "Authorised");

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", "ops");
        details.put("delayNotices", delay.notices());
        details.put("waitedDays", waitedDays);
        timeline.record(orderId, TimelineType.ESCALATED, details, "escalated:" + orderId);
    }

    private static String describe(Backorder backorder) {
        return backorder.openQuantity() + " × " + backorder.sku() + ", ETA " + backorder.eta()
                + " (" + backorder.etaBasis() + "), waiting since " + backorder.orderedAt();
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
