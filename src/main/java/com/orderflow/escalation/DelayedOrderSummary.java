package com.orderflow.escalation;

import com.orderflow.api.DurationText;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.delay.DelayRepository;
import com.orderflow.delay.DelayState;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.notification.NoticeDelivery;
import com.orderflow.notification.ShopTime;
import com.orderflow.order.CustomerContactChanged;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.ShipPolicy;
import com.orderflow.payment.PaymentService;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.PurchaseOrderRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What ops need to decide on a delayed order, as the variables the form {@code resolveDelayedBackorder}
 * shows: customer and whether their e-mails were delivered, waiting lines with their ETAs, how long and how often
 * the order was delayed, the consolation given, and whether its payment holds it ("ship what is available" ships
 * nothing while a lapsed authorisation holds the order). The order keeps waiting while the task is open, so the
 * summary is written again each time the order starts to wait ("Assess delay"): a receipt, a partial shipment, a
 * moved ETA or another notice shows on the open task instead of the picture of the day it escalated.
 */
@Component
public class DelayedOrderSummary {

    /** A waiting line under its promise's heading. */
    private static final String LINE = "  ";

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final DelayRepository delays;
    private final ProductRepository products;
    private final PurchaseOrderRepository purchaseOrders;
    private final PaymentService payments;
    private final NoticeDelivery delivery;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ShopTime time;
    private final Clock clock;

    public DelayedOrderSummary(OrderRepository orders, BackorderRepository backorders, DelayRepository delays,
                               ProductRepository products, PurchaseOrderRepository purchaseOrders, PaymentService payments,
                               NoticeDelivery delivery, RuntimeService runtime, TaskService tasks, ShopTime time,
                               Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.delays = delays;
        this.products = products;
        this.purchaseOrders = purchaseOrders;
        this.payments = payments;
        this.delivery = delivery;
        this.runtime = runtime;
        this.tasks = tasks;
        this.time = time;
        this.clock = clock;
    }

    Map<String, Object> of(String orderId) {
        Order order = orders.find(orderId).orElseThrow();
        DelayState delay = delays.find(orderId).orElseThrow();
        Map<String, Product> catalog = products.findAll(order.lines().stream().map(OrderLine::sku).collect(Collectors.toSet()));
        String listsAll = "GET /api/orders/" + orderId;
        String waiting = FormText.join(waitingByPromise(orderId, catalog), "\n", listsAll, item -> item.startsWith(LINE));
        String ready = FormText.join(order.lines().stream().filter(l -> l.reserved() > 0)
                .map(l -> l.reserved() + " × " + FormText.product(l.sku(), catalog)).toList(), "\n", listsAll);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("customer", order.customer().contact());
        summary.put("customerEmails", delivery.inWords(orderId));
        summary.put("orderSize", order.lines().size() + (order.lines().size() == 1 ? " line, " : " lines, ")
                + order.total().toPlainString() + " " + order.currency() + ", ships " + order.shipPolicy()
                + (order.shipPolicy() == ShipPolicy.PARTIAL ? " (what is available)" : " (everything together)"));
        summary.put("waitingLines", waiting.isEmpty() ? "(none)" : waiting);
        summary.put("readyNow", ready.isEmpty() ? "nothing" : ready);
        summary.put("orderedAt", time.show(order.createdAt()));
        Duration waited = Duration.between(order.createdAt(), clock.instant());
        summary.put("waitedDays", waited.toDays());
        // Whole days alone read "0" for an order that waited hours, or minutes where a designer runs the
        // cycle in minutes; ops read the wait in words.
        summary.put("waited", DurationText.inWords(waited));
        summary.put("firstPromise", time.show(delay.firstPromise()));
        summary.put("delayNoticesSent", delay.notices());
        summary.put("consolationGiven", consolation(delay));
        summary.put("paymentState", order.paymentLapsed() ? held(order) : "Authorised");
        return summary;
    }

    /**
     * Called as "Assess delay" ends. Only an escalated order can have the task; the others are spared the
     * query.
     */
    public void refreshOpenTask(DelegateExecution execution) {
        if (!Boolean.TRUE.equals(execution.getVariable(OrderProcess.VAR_DELAY_ESCALATED))) {
            return;
        }
        Task open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER).singleResult();
        if (open != null) {
            refresh(open, (String) execution.getVariable(OrderProcess.VAR_ORDER_ID));
        }
    }

    /** Support corrected the customer's address: the open task showed the one that bounced. */
    @EventListener
    public void customerContactChanged(CustomerContactChanged changed) {
        Task open = tasks.createTaskQuery().processInstanceBusinessKey(changed.orderId())
                .taskDefinitionKey(OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER).singleResult();
        if (open != null) {
            refresh(open, changed.orderId());
        }
    }

    /**
     * The variables live on the "Ops resolution" scope, where setting them on the task updates them; only those
     * whose value changed are written.
     */
    private void refresh(Task open, String orderId) {
        Map<String, Object> summary = of(orderId);
        // An unchanged value written again is still an update in the task's history: ops would read a list of
        // "changes" that changed nothing each time the order woke.
        Map<String, Object> shown = tasks.getVariables(open.getId(), summary.keySet());
        summary.entrySet().removeIf(entry -> Objects.equals(entry.getValue(), shown.get(entry.getKey())));
        if (!summary.isEmpty()) {
            tasks.setVariables(open.getId(), summary);
        }
    }

    /** The hold starts at the renewal's refusal, a margin before the authorisation itself lapses. */
    private String held(Order order) {
        String lapses = payments.authorizationLapsesAt(order.id())
                .map(at -> (at.isAfter(clock.instant()) ? "; it lapses at " : "; it lapsed at ") + time.show(at))
                .orElse("");
        return "Held since " + time.show(order.paymentLapsedAt()) + ": the provider refused to renew the authorisation"
                + lapses + ". Nothing ships until it is authorised again (task \"Resolve lapsed authorisation\")";
    }

    /**
     * The waiting lines under one heading per promise (ETA, its basis, since when, which purchase order): a big
     * order's lines share a few, and one line each repeating them left room on the form for 19 lines of 120.
     */
    private List<String> waitingByPromise(String orderId, Map<String, Product> catalog) {
        Map<String, List<String>> byPromise = new LinkedHashMap<>();
        backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status()))
                .sorted(Comparator.comparing(Backorder::eta, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(b -> byPromise.computeIfAbsent(promise(b), heading -> new ArrayList<>())
                        .add(LINE + b.openQuantity() + " × " + FormText.product(b.sku(), catalog)));
        List<String> lines = new ArrayList<>();
        byPromise.forEach((heading, waiting) -> {
            lines.add(heading + ":");
            lines.addAll(waiting);
        });
        return lines;
    }

    private String promise(Backorder backorder) {
        String basis = backorder.etaBasis() == null ? ""
                : " (" + backorder.etaBasis().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        return "ETA " + time.show(backorder.eta()) + basis + ", waiting since " + time.show(backorder.orderedAt())
                + purchaseOrder(backorder);
    }

    /**
     * Which purchase order the line waits for, and whether it is stuck: a placement out of retries left the
     * line promising the lead time's date, and ops kept orders waiting for goods nobody had ordered.
     */
    private String purchaseOrder(Backorder backorder) {
        return purchaseOrders.coveringOf(backorder.id())
                .map(covering -> {
                    boolean stuck = covering.processInstanceId() != null
                            && runtime.createIncidentQuery().processInstanceId(covering.processInstanceId()).count() > 0;
                    return ", purchase order " + covering.purchaseOrderId() + " " + covering.status()
                            + (stuck ? " (stuck: an incident in Cockpit, business key " + covering.purchaseOrderId() + ")" : "");
                }).orElse("");
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
