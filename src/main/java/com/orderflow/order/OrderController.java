package com.orderflow.order;

import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.notification.ShopTime;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentService;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
public class OrderController {

    private final OrderService orders;
    private final PaymentService payments;
    private final Timeline timeline;
    private final BackorderRepository backorders;
    private final OrderProgress progress;
    private final ShopTime shopTime;

    public OrderController(OrderService orders, PaymentService payments, Timeline timeline,
                           BackorderRepository backorders, OrderProgress progress, ShopTime shopTime) {
        this.orders = orders;
        this.payments = payments;
        this.timeline = timeline;
        this.backorders = backorders;
        this.progress = progress;
        this.shopTime = shopTime;
    }

    @PostMapping
    public ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request) {
        OrderPlacement placement = orders.place(request);
        // A new order's payment is authorised after its first save point: the answer describes the
        // order as its placement committed it, payment pending, and spares a read.
        OrderView view = placement.created() ? view(placement.order(), Optional.empty()) : view(placement.order());
        return placement.created()
                ? ResponseEntity.created(URI.create("/api/orders/" + view.orderId())).body(view)
                : ResponseEntity.status(HttpStatus.OK).body(view);
    }

    @GetMapping("/{orderId}")
    public OrderView get(@PathVariable String orderId) {
        return view(orders.find(orderId).orElseThrow(() -> notFound(orderId)));
    }

    /** {@code 202}: the cancellation is carried out by the order's process in the background. */
    @PostMapping("/{orderId}/cancel")
    public ResponseEntity<OrderView> cancel(@PathVariable String orderId, Principal caller) {
        return ResponseEntity.accepted().body(view(orders.requestCancellation(orderId, CancellationRequester.api(caller.getName()))));
    }

    @GetMapping("/{orderId}/timeline")
    public List<TimelineEntry> timeline(@PathVariable String orderId) {
        orders.find(orderId).orElseThrow(() -> notFound(orderId));
        return timeline.of(orderId);
    }

    private OrderView view(Order order) {
        return view(order, payments.find(order.id()));
    }

    /**
     * An order without a payment row: still to be authorised, or closed before it was, and then it never
     * will be (PENDING would tell the merchant that money is still to come).
     */
    private static String unpaidStatus(Order order) {
        return order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REJECTED ? "NONE" : "PENDING";
    }

    private OrderView view(Order order, Optional<Payment> found) {
        OrderView.PaymentView payment = found
                .map(p -> new OrderView.PaymentView(p.status().name(), p.authorized(), p.captured(), p.refunded(),
                        p.voided(), p.unpaid(), p.unpaidSettledAt(), order.paymentLapsedAt(),
                        // Only a held order is asked when its authorisation lapses.
                        order.paymentLapsed() ? payments.authorizationLapsesAt(p).orElse(null) : null))
                .orElseGet(() -> new OrderView.PaymentView(unpaidStatus(order), BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null));
        // Open backorders belong to lines with backordered units: an order without any (every new order,
        // every order shipped from stock) spares the read.
        Map<Integer, Backorder> open = order.lines().stream().noneMatch(l -> l.backordered() > 0) ? Map.of()
                : backorders.ofOrder(order.id()).stream()
                        .filter(b -> "OPEN".equals(b.status()))
                        .collect(Collectors.toMap(Backorder::lineNo, Function.identity()));
        List<OrderView.Line> lines = order.lines().stream()
                .map(l -> {
                    Backorder backorder = open.get(l.lineNo());
                    return new OrderView.Line(l.sku(), l.quantity(), l.unitPrice(), l.reserved(), l.backordered(),
                            l.shipped(), l.cancelled(), backorder == null ? null : backorder.eta(),
                            backorder == null ? null : shopTime.day(backorder.eta()),
                            backorder == null ? null : backorder.etaBasis().name(), l.refused());
                })
                .toList();
        // The order is complete when its last backordered line is: the latest ETA is the order's.
        Backorder latest = open.values().stream().max(Comparator.comparing(Backorder::eta)).orElse(null);
        return new OrderView(order.id(), order.status(), order.rejectReason(), order.customer(), order.shipPolicy(),
                order.priority(), order.currency(), order.total(), lines, latest == null ? null : latest.eta(),
                latest == null ? null : shopTime.day(latest.eta()), latest == null ? null : latest.etaBasis().name(),
                progress.parcelClosesAt(order).orElse(null), payment, order.consolation(),
                order.createdAt(), order.lastChangedAt());
    }

    private static NotFoundException notFound(String orderId) {
        return new NotFoundException("No order " + orderId);
    }
}
