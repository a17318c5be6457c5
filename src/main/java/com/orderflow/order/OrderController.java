package com.orderflow.order;

import com.orderflow.api.InvalidInputException;
import com.orderflow.api.ListParameters;
import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.delay.DelayRepository;
import com.orderflow.delay.DelayState;
import com.orderflow.delay.LineDelayState;
import com.orderflow.notification.ShopTime;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentService;
import com.orderflow.shipping.SentParcel;
import com.orderflow.shipping.ShipmentRepository;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
public class OrderController {

    static final int DEFAULT_RESULTS = 100;
    static final int MOST_RESULTS = 1000;
    private static final Set<String> LIST_PARAMETERS =
            Set.of("customerEmail", "status", "unpaid", "firstResult", "maxResults");
    private static final Pattern EMAIL = Pattern.compile(PlaceOrderRequest.EMAIL);
    private static final BigDecimal NO_MONEY = BigDecimal.ZERO.setScale(2);

    private final OrderService orders;
    private final PaymentService payments;
    private final TimelineDays timeline;
    private final BackorderRepository backorders;
    private final OrderProgress progress;
    private final ShopTime shopTime;
    private final DelayRepository delays;
    private final ShipmentRepository shipments;

    public OrderController(OrderService orders, PaymentService payments, TimelineDays timeline,
                           BackorderRepository backorders, OrderProgress progress, ShopTime shopTime,
                           DelayRepository delays, ShipmentRepository shipments) {
        this.orders = orders;
        this.payments = payments;
        this.timeline = timeline;
        this.backorders = backorders;
        this.progress = progress;
        this.shopTime = shopTime;
        this.delays = delays;
        this.shipments = shipments;
    }

    @PostMapping
    public ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request) {
        OrderPlacement placement = orders.place(request);
        // A new order's payment is authorised after its first save point: the answer describes the
        // order as its placement committed it, payment pending, and spares a read.
        OrderView view = placement.created() ? view(placement.order(), Optional.empty(), List.of()) : view(placement.order());
        return placement.created()
                ? ResponseEntity.created(URI.create("/api/orders/" + view.orderId())).body(view)
                : ResponseEntity.status(HttpStatus.OK).body(view);
    }

    /**
     * One page of orders, newest first ({@code firstResult}, {@code maxResults} up to {@value #MOST_RESULTS},
     * {@value #DEFAULT_RESULTS} when not given), by {@code customerEmail}, {@code status} and {@code unpaid=true};
     * {@code X-Total-Count} says how many match in all. Support finds a customer's orders from the address they
     * write from, ops the parcels left unpaid.
     */
    @GetMapping
    public ResponseEntity<List<OrderSummary>> list(@RequestParam MultiValueMap<String, String> parameters) {
        ListParameters given = ListParameters.of(parameters, LIST_PARAMETERS);
        int firstResult = given.count("firstResult", 0, Integer.MAX_VALUE, 0);
        int maxResults = given.count("maxResults", 1, MOST_RESULTS, DEFAULT_RESULTS);
        String email = given.text("customerEmail");
        if (email != null && (email.length() > PlaceOrderRequest.CustomerRequest.MAX_EMAIL_LENGTH
                || !EMAIL.matcher(email).matches())) {
            // An address no order could have been placed with matches none; a NUL in it would fail the query.
            throw new InvalidInputException("customerEmail", PlaceOrderRequest.EMAIL_REFUSED + " of at most "
                    + PlaceOrderRequest.CustomerRequest.MAX_EMAIL_LENGTH + " characters");
        }
        OrderRepository.Page page = orders.list(new OrderFilter(email, given.choices("status", OrderStatus.class),
                given.flag("unpaid")), firstResult, maxResults);
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total())).body(page.orders());
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
        return view(order, payments.find(order.id()), shipments.sentParcelsOf(order.id()));
    }

    private OrderView view(Order order, Optional<Payment> found, List<SentParcel> sent) {
        OrderView.PaymentView payment = found
                .map(p -> new OrderView.PaymentView(p.status().name(), p.authorized(), p.captured(), p.refunded(),
                        p.voided(), p.lapsed(), p.unpaid(), p.unpaidSettledAt(), p.unpaidSettledAs(),
                        p.unpaidSettlementReference(), order.paymentLapsedAt(),
                        // Only a held order is asked when its authorisation lapses.
                        order.paymentLapsed() ? payments.authorizationLapsesAt(p).orElse(null) : null))
                // Amounts as a payment row holds them (0.00): a client comparing text sees no change of form.
                .orElseGet(() -> new OrderView.PaymentView(OrderView.paymentStatusWithoutPayment(order.status()), NO_MONEY,
                        NO_MONEY, NO_MONEY, NO_MONEY, NO_MONEY, NO_MONEY, null, null, null, null, null));
        // Open backorders belong to lines with backordered units: an order without any (every new order,
        // every order shipped from stock) spares the read.
        Map<Integer, Backorder> open = order.lines().stream().noneMatch(l -> l.backordered() > 0) ? Map.of()
                : backorders.ofOrder(order.id()).stream()
                        .filter(b -> "OPEN".equals(b.status()))
                        .collect(Collectors.toMap(Backorder::lineNo, Function.identity()));
        Optional<DelayState> delay = open.isEmpty() ? Optional.empty() : delays.find(order.id());
        Map<Integer, LocalDate> toldByLine = delay.isEmpty() || order.shipPolicy() != ShipPolicy.PARTIAL ? Map.of()
                : lineToldDays(order.id(), delay.get());
        List<OrderView.Line> lines = order.lines().stream()
                .map(l -> {
                    Backorder backorder = open.get(l.lineNo());
                    return new OrderView.Line(l.sku(), l.quantity(), l.unitPrice(), l.reserved(), l.backordered(),
                            l.shipped(), l.cancelled(), backorder == null ? null : backorder.eta(),
                            backorder == null ? null : shopTime.day(backorder.eta()),
                            backorder == null ? null : backorder.etaBasis().name(),
                            backorder == null ? null : toldByLine.get(l.lineNo()), l.refused());
                })
                .toList();
        // The order is complete when its last backordered line is: the latest ETA is the order's.
        Backorder latest = open.values().stream().max(Comparator.comparing(Backorder::eta)).orElse(null);
        return new OrderView(order.id(), order.status(), order.rejectReason(), order.customer(), order.shipPolicy(),
                order.priority(), order.currency(), order.total(), lines, latest == null ? null : latest.eta(),
                latest == null ? null : shopTime.day(latest.eta()), latest == null ? null : latest.etaBasis().name(),
                latest == null ? null : delay.map(this::toldEtaDay).orElse(null),
                progress.parcelClosesAt(order).orElse(null), payment, sent.stream().map(OrderController::parcel).toList(),
                order.consolation(), order.createdAt(), order.lastChangedAt());
    }

    private static OrderView.Parcel parcel(SentParcel sent) {
        return new OrderView.Parcel(sent.shipmentId(), sent.status(), sent.dropShip() ? "DROP_SHIP" : "WAREHOUSE",
                sent.carrier(), sent.trackingNumber(), sent.dispatchedAt(), sent.value(), sent.charged(),
                sent.lines().stream().map(l -> new OrderView.ParcelLine(l.sku(), l.quantity())).toList());
    }

    /** The day the customer's e-mails last named, in the zone they were printed in; null before any was. */
    private LocalDate toldEtaDay(DelayState state) {
        return toldDay(state.told(), state);
    }

    /**
     * The day the customer's e-mails last named for each waiting line of a {@code PARTIAL} order, whose delays are
     * judged per line; a line backordered before lines kept their own dates has the order's.
     */
    private Map<Integer, LocalDate> lineToldDays(String orderId, DelayState state) {
        Map<Integer, LocalDate> days = new HashMap<>();
        for (LineDelayState line : delays.waitingLines(orderId)) {
            LocalDate day = line.told() != null ? toldDay(line.told(), state) : toldEtaDay(state);
            if (day != null) {
                days.put(line.lineNo(), day);
            }
        }
        return days;
    }

    private LocalDate toldDay(Instant told, DelayState state) {
        if (told == null) {
            return null;
        }
        return state.toldIn() != null ? LocalDate.ofInstant(told, state.toldIn()) : shopTime.day(told);
    }

    private static NotFoundException notFound(String orderId) {
        return new NotFoundException("No order " + orderId);
    }
}
