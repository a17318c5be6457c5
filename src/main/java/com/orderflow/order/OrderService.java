package com.orderflow.order;

import com.orderflow.api.ConflictException;
import com.orderflow.api.FieldProblem;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.OrderResumption;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class OrderService {

    private final OrderRepository orders;
    private final ProductRepository products;
    private final Timeline timeline;
    private final RuntimeService runtime;
    private final OrderResumption resumption;
    private final TransactionTemplate transaction;

    public OrderService(OrderRepository orders, ProductRepository products, Timeline timeline, RuntimeService runtime,
                        OrderResumption resumption, TransactionTemplate transaction) {
        this.orders = orders;
        this.products = products;
        this.timeline = timeline;
        this.runtime = runtime;
        this.resumption = resumption;
        this.transaction = transaction;
    }

    /**
     * Stores the order and starts its process in one transaction. Placing the same order id again
     * answers the stored order when the request is the same, and refuses it when it differs.
     */
    public OrderPlacement place(PlaceOrderRequest request) {
        String hash = fingerprint(request);
        Map<String, Product> catalog;
        BigDecimal total;
        try {
            catalog = checkAgainstCatalog(request);
            total = totalWithinLimit(request, catalog);
        } catch (InvalidInputException refused) {
            // A repeat is answered with what was stored, whatever the catalog says today: a product's price
            // or currency may have changed since, and a shop retrying after a timeout must not read that
            // its order, which exists and will ship, is invalid.
            Optional<Order> placed = request.orderId() == null ? Optional.empty() : orders.find(request.orderId());
            if (placed.isPresent()) {
                return repeated(placed.get(), hash);
            }
            throw refused;
        }
        if (request.orderId() == null) {
            return transaction.execute(status -> create(newOrder("ORD-" + UUID.randomUUID(), request, catalog, total, hash)));
        }
        try {
            return transaction.execute(status -> create(newOrder(request.orderId(), request, catalog, total, hash)));
        } catch (DuplicateKeyException placedBefore) {
            // The order id is taken, by an earlier request or one racing this one. Inserting first spares
            // every new order a look-up; a repeat costs one failed insert.
            return repeated(orders.find(request.orderId()).orElseThrow(() -> placedBefore), hash);
        }
    }

    /**
     * Records the customer's or ops' wish to cancel under the order's row lock, which is what decides
     * a race with shipment: a step dispatching goods takes the same lock and ships nothing once the
     * request is recorded; a request arriving after the last unit shipped is refused. The order's
     * process is then interrupted in the background (message {@code CancelOrder}). A refusal is an
     * answer, not a failure: it comes before anything is written, and a step that asked within its own
     * transaction ("Request cancellation") must still commit.
     */
    @Transactional(noRollbackFor = ConflictException.class)
    public Order requestCancellation(String orderId, CancellationRequester requester) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (order.status() == OrderStatus.CANCELLED || order.cancelRequested()) {
            return order;
        }
        if (order.status() == OrderStatus.REJECTED) {
            throw new ConflictException("Order " + orderId + " was rejected; there is nothing to cancel");
        }
        if (order.lines().stream().allMatch(line -> line.open() == 0)) {
            throw new ConflictException("Order " + orderId + " has shipped in full and can no longer be cancelled");
        }
        record(orderId, requester);
        resumption.cancelRequested(orderId);
        return orders.find(orderId).orElseThrow();
    }

    /**
     * Records a cancellation that reached the order's process without this service: ops correlating message
     * {@code CancelOrder} in Cockpit or through {@code /engine-rest}. Without the record a dispatch racing
     * it (a drop-ship supplier's parcel) was booked and charged, and the order then ended CANCELLED with
     * everything shipped; and the timeline did not say who cancelled. Runs as the cancellation starts, in
     * the correlating transaction; a request the API recorded already is left as it is. An order that shipped in
     * full is refused, as by the API: it ended CANCELLED with everything delivered, and no shipment notice.
     *
     * @throws ConflictException when every unit has shipped
     */
    @Transactional
    public void recordStartedCancellation(String orderId, CancellationRequester requester) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (!order.cancelRequested() && order.status() != OrderStatus.CANCELLED) {
            // As the API refuses it: everything left, and what is left to do is charge it and tell the customer.
            if (order.lines().stream().allMatch(line -> line.open() == 0)) {
                throw new ConflictException("Order " + orderId + " has shipped in full and can no longer be cancelled");
            }
            record(orderId, requester);
        }
    }

    private void record(String orderId, CancellationRequester requester) {
        orders.requestCancellation(orderId);
        timeline.record(orderId, TimelineType.CANCEL_REQUESTED, requester.details(), "cancel-requested:" + orderId);
    }

    public Optional<Order> find(String orderId) {
        return orders.find(orderId);
    }

    public OrderRepository.Page list(OrderFilter by, int firstResult, int maxResults) {
        return orders.page(by, firstResult, maxResults);
    }

    private OrderPlacement create(Order order) {
        Order stored = orders.insert(order);
        timeline.record(order.id(), TimelineType.ACCEPTED,
                Map.of("total", order.total(), "currency", order.currency()), "accepted:" + order.id());
        ProcessInstance instance = runtime.startProcessInstanceByKey(OrderProcess.KEY, order.id(),
                Map.of(OrderProcess.VAR_ORDER_ID, order.id()));
        orders.setProcessInstanceId(order.id(), instance.getId());
        // Until its first save point the process only validates; an order it rejected there has changed.
        return new OrderPlacement(instance.isEnded() ? orders.find(order.id()).orElseThrow() : stored, true);
    }

    private static OrderPlacement repeated(Order existing, String hash) {
        if (Order.REQUEST_ERASED.equals(existing.requestHash())) {
            throw new ConflictException("Order " + existing.id() + " was placed before and its customer data has been erased"
                    + " since; its orderId cannot be used again");
        }
        if (!existing.requestHash().equals(hash)) {
            throw new ConflictException("Order " + existing.id() + " was already placed with a different body");
        }
        return new OrderPlacement(existing, false);
    }

    private Map<String, Product> checkAgainstCatalog(PlaceOrderRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> skus = request.lines().stream().map(PlaceOrderRequest.LineRequest::sku).toList();
        Map<String, Product> catalog = products.findAll(Set.copyOf(skus));
        String currency = null;
        for (int i = 0; i < skus.size(); i++) {
            String sku = skus.get(i);
            Product product = catalog.get(sku);
            if (!seen.add(sku)) {
                problems.add(new FieldProblem("lines[" + i + "].sku", "appears in more than one line"));
            } else if (product == null) {
                problems.add(new FieldProblem("lines[" + i + "].sku", "names no known product"));
            } else if (currency == null) {
                currency = product.currency();
            } else if (!currency.equals(product.currency())) {
                problems.add(new FieldProblem("lines[" + i + "].sku",
                        "is priced in " + product.currency() + " but the order is in " + currency));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return catalog;
    }

    private static BigDecimal totalWithinLimit(PlaceOrderRequest request, Map<String, Product> catalog) {
        BigDecimal total = BigDecimal.ZERO;
        for (PlaceOrderRequest.LineRequest line : request.lines()) {
            total = total.add(catalog.get(line.sku()).price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        if (total.compareTo(Order.LARGEST_TOTAL) > 0) {
            throw new InvalidInputException("lines", "add up to " + total.toPlainString() + " "
                    + catalog.get(request.lines().get(0).sku()).currency() + ", more than the largest order total, "
                    + Order.LARGEST_TOTAL.toPlainString());
        }
        return total;
    }

    private static Order newOrder(String id, PlaceOrderRequest request, Map<String, Product> catalog, BigDecimal total,
                                  String hash) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            PlaceOrderRequest.LineRequest line = request.lines().get(i);
            lines.add(new OrderLine(i + 1, line.sku(), line.quantity(), catalog.get(line.sku()).price(), 0, 0, 0, 0, null, false));
        }
        String currency = catalog.get(request.lines().get(0).sku()).currency();
        Customer customer = new Customer(request.customer().name().strip(),
                request.customer().email().strip(), locale(request.customer().locale()));
        return new Order(id, OrderStatus.ACCEPTED, customer, shipPolicy(request), priority(request),
                request.payment().token(),
                currency, total, hash, null, null, null, lines, null, null, null);
    }

    private static ShipPolicy shipPolicy(PlaceOrderRequest request) {
        return request.shipPolicy() == null ? ShipPolicy.PARTIAL : request.shipPolicy();
    }

    private static int priority(PlaceOrderRequest request) {
        return request.priority() == null ? 0 : request.priority();
    }

    private static String locale(String tag) {
        return tag == null ? "en" : Locale.forLanguageTag(tag.replace('_', '-')).toLanguageTag();
    }

    /** A digest of everything that makes two placements of one order id the same order. */
    static String fingerprint(PlaceOrderRequest request) {
        StringBuilder canonical = new StringBuilder()
                .append(request.customer().name().strip()).append('\n')
                .append(request.customer().email().strip().toLowerCase(Locale.ROOT)).append('\n')
                .append(locale(request.customer().locale())).append('\n')
                .append(shipPolicy(request)).append('\n')
                .append(priority(request)).append('\n')
                .append(request.payment().token()).append('\n');
        request.lines().forEach(line -> canonical.append(line.sku()).append('\u0000').append(line.quantity()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
