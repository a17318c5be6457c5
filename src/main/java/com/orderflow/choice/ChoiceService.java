package com.orderflow.choice;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.notification.NoticeDates;
import com.orderflow.notification.NoticeLocale;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's answer to a delay notice, through a signed link: showing the page changes
 * nothing (mail scanners open links); posting the form records the choice once and hands it to the
 * order's process as message {@code CustomerChoice}, in one transaction.
 */
@Service
public class ChoiceService {

    /** The notice number a choice asked through the API is kept under: no notice's link, and once per order. */
    static final int ASKED_WITHOUT_A_LINK = 0;

    private final ChoiceTokens tokens;
    private final ChoiceProperties settings;
    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final ProductRepository products;
    private final Timeline timeline;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final NoticeDates dates;

    public ChoiceService(ChoiceTokens tokens, ChoiceProperties settings, OrderRepository orders,
                         BackorderRepository backorders, ProductRepository products, Timeline timeline,
                         RuntimeService runtime, JdbcClient jdbc, Clock clock, NoticeDates dates) {
        this.tokens = tokens;
        this.settings = settings;
        this.orders = orders;
        this.backorders = backorders;
        this.products = products;
        this.timeline = timeline;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dates = dates;
    }

    /**
     * The personal links for delay notice number {@code notice}, by choice (as {@code NoticeData}
     * names them). Shipping what is available is offered only when something is, and while no lapsed
     * payment holds the order.
     */
    public Map<String, String> links(String orderId, int notice) {
        Order order = orders.find(orderId).orElseThrow();
        Set<CustomerChoice> options = EnumSet.of(CustomerChoice.KEEP_WAITING, CustomerChoice.CANCEL);
        if (canShipNow(order)) {
            options.add(CustomerChoice.SHIP_AVAILABLE);
        }
        String url = settings.baseUrl() + "/choice/"
                + tokens.sign(new ChoiceClaims(orderId, notice, clock.instant().plus(settings.linkValidity()), options));
        Map<String, String> links = new LinkedHashMap<>();
        for (CustomerChoice choice : options) {
            links.put(choice.noticeName(), url + "#" + choice.name());
        }
        return links;
    }

    /** The page behind a link; changes nothing. */
    @Transactional(readOnly = true)
    public ChoicePage page(String token) {
        ChoiceClaims claims = usable(token);
        Order order = openOrder(claims.orderId());
        return page(token, order, claims);
    }

    /** Records the choice once and tells the order's process. */
    @Transactional
    public ChoiceMade choose(String token, String option) {
        ChoiceClaims claims = usable(token);
        Order order = orders.lock(claims.orderId()).orElseThrow(ChoiceService::invalid);
        Locale locale = localeOf(order);
        CustomerChoice choice = parse(option, claims, locale);
        requireOpen(order);
        if (choice == CustomerChoice.SHIP_AVAILABLE) {
            requireShippable(order, locale);
        }
        record(order, claims.notice(), choice, Map.of("choice", choice.name(), "notice", claims.notice()), locale);
        return new ChoiceMade(choice, locale, order.partlySent());
    }

    /**
     * The customer asked the shop or support, not through a notice's link, to ship what is ready now and give up
     * the rest: taken as that link's choice would be, once per order, and refused with {@code 409} saying why
     * where the link's page would be.
     */
    @Transactional
    public void shipAvailableAsAsked(String orderId, String by) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        try {
            requireOpen(order);
            requireShippable(order, null);
            record(order, ASKED_WITHOUT_A_LINK, CustomerChoice.SHIP_AVAILABLE,
                    Map.of("choice", CustomerChoice.SHIP_AVAILABLE.name(), "askedThrough", "API", "by", by), null);
        } catch (ChoiceRefusedException refused) {
            throw new ConflictException(whyNot(orderId, refused.reason()));
        }
    }

    /** The API's words for a refusal the choice page puts in the customer's. */
    private static String whyNot(String orderId, String reason) {
        return switch (reason) {
            case "cancelled" -> "Order " + orderId + " is cancelled: nothing is left to ship";
            case "completed" -> "Order " + orderId + " is complete: nothing is left to ship";
            case "nothing-waiting" -> "Nothing of order " + orderId + " waits for stock any more: it ships as it is";
            case "nothing-to-ship" -> "Nothing of order " + orderId + " is in stock yet: there is nothing to ship now";
            case "payment-held" -> "Order " + orderId + " is held: its payment authorisation could not be renewed, and"
                    + " nothing ships until it is authorised again (task \"Resolve lapsed authorisation\")";
            case "rest-cancelled", "rest-cancelled-by-shop", "used" ->
                    "The rest of order " + orderId + " was given up already: what was ready ships";
            default -> "Order " + orderId + " is busy: try again in a moment";
        };
    }

    private static void requireShippable(Order order, Locale locale) {
        if (order.lines().stream().noneMatch(l -> l.reserved() > 0)) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "nothing-to-ship", locale, order.id());
        }
        if (order.paymentLapsed()) {
            // The rest would be given up for a parcel that cannot leave until the payment is authorised again.
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "payment-held", locale, order.id());
        }
    }

    /** Keeps the choice, once per notice, on the order's timeline, and hands it to the order's process. */
    private void record(Order order, int notice, CustomerChoice choice, Map<String, Object> details, Locale locale) {
        try {
            jdbc.sql("INSERT INTO customer_choice (order_id, notice, choice, chosen_at) VALUES (?, ?, ?, ?)")
                    .params(order.id(), notice, choice.name(), OffsetDateTime.now(clock)).update();
        } catch (DuplicateKeyException sameLinkTwiceAtOnce) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "used", locale, order.id());
        }
        timeline.record(order.id(), TimelineType.CUSTOMER_CHOSE, details, "customer-chose:" + order.id() + ":" + notice);
        List<String> instances = orders.processInstanceIds(List.of(order.id()));
        try {
            runtime.createMessageCorrelation(OrderProcess.MESSAGE_CUSTOMER_CHOICE)
                    .processInstanceId(instances.get(0))
                    .setVariable(OrderProcess.VAR_CUSTOMER_CHOICE, choice.name())
                    .correlate();
        } catch (ProcessEngineException | IndexOutOfBoundsException busy) {
            // The order's process could not take it now (finished meanwhile, or busy on another node):
            // nothing is recorded, and the link still works.
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "busy", locale, order.id());
        }
    }

    private ChoiceClaims usable(String token) {
        ChoiceClaims claims = tokens.verify(token).orElseThrow(ChoiceService::invalid);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new ChoiceRefusedException(HttpStatus.GONE, "expired", localeOf(claims.orderId()), claims.orderId());
        }
        String used = jdbc.sql("SELECT choice FROM customer_choice WHERE order_id = ? AND notice = ?")
                .params(claims.orderId(), claims.notice()).query(String.class).optional().orElse(null);
        if (used != null) {
            throw usedAlready(claims, localeOf(claims.orderId()));
        }
        return claims;
    }

    private static ChoiceRefusedException usedAlready(ChoiceClaims claims, Locale locale) {
        return new ChoiceRefusedException(HttpStatus.CONFLICT, "used", locale, claims.orderId());
    }

    private Locale localeOf(String orderId) {
        return orders.find(orderId).map(ChoiceService::localeOf).orElse(null);
    }

    private static Locale localeOf(Order order) {
        return NoticeLocale.of(order.customer().locale()).format();
    }

    private Order openOrder(String orderId) {
        Order order = orders.find(orderId).orElseThrow(ChoiceService::invalid);
        requireOpen(order);
        return order;
    }

    /**
     * Every notice's links stay valid until they expire, so an older notice's link can arrive after a later
     * one was used: once the rest was given up (the customer's "ship what is available", or ops'), or nothing
     * waits any more, "keep waiting" was confirmed with "we ship it as soon as everything has arrived".
     */
    private void requireOpen(Order order) {
        if (order.isFinished() || order.cancelRequested()) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, order.cancelRequested() ? "cancelled" : "completed",
                    localeOf(order), order.id());
        }
        // The customer's "ship what is available" on any notice, or ops' decision of the same name: the page
        // says who decided, since "you chose" told a customer of a choice ops had made.
        boolean[] gaveUpTheRest = jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM customer_choice WHERE order_id = ? AND choice = 'SHIP_AVAILABLE') AS customer,
                               (SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'OPS_DECIDED'
                                AND data LIKE '%"decision":"SHIP_AVAILABLE"%') AS ops""")
                .params(order.id(), order.id())
                .query((rs, n) -> new boolean[] {rs.getInt("customer") > 0, rs.getInt("ops") > 0}).single();
        boolean customerGaveUpTheRest = gaveUpTheRest[0];
        boolean opsGaveUpTheRest = !customerGaveUpTheRest && gaveUpTheRest[1];
        if (customerGaveUpTheRest || opsGaveUpTheRest
                || backorders.ofOrder(order.id()).stream().noneMatch(b -> "OPEN".equals(b.status()))) {
            String reason = customerGaveUpTheRest ? "rest-cancelled" : opsGaveUpTheRest ? "rest-cancelled-by-shop" : "nothing-waiting";
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, reason, localeOf(order), order.id());
        }
    }

    private static CustomerChoice parse(String option, ChoiceClaims claims, Locale locale) {
        for (CustomerChoice choice : claims.options()) {
            if (choice.name().equals(option)) {
                return choice;
            }
        }
        throw new ChoiceRefusedException(HttpStatus.BAD_REQUEST, "unknown-choice", locale);
    }

    private ChoicePage page(String token, Order order, ChoiceClaims claims) {
        Instant eta = backorders.ofOrder(order.id()).stream().filter(b -> "OPEN".equals(b.status()))
                .map(Backorder::eta).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        Map<String, Product> catalog = products.findAll(order.lines().stream().map(OrderLine::sku).toList());
        List<ChoicePage.Line> lines = order.lines().stream()
                .map((OrderLine l) -> new ChoicePage.Line(l.sku(),
                        catalog.containsKey(l.sku()) ? catalog.get(l.sku()).name() : l.sku(),
                        l.quantity(), l.shipped(), l.reserved(), l.backordered()))
                .toList();
        List<CustomerChoice> options = claims.options().stream()
                .filter(option -> option != CustomerChoice.SHIP_AVAILABLE || canShipNow(order)).sorted().toList();
        Locale locale = localeOf(order);
        return new ChoicePage(token, order.id(), order.customer().name(), lines, dates.format(eta, locale), options, locale);
    }

    private static boolean canShipNow(Order order) {
        return !order.paymentLapsed() && order.lines().stream().anyMatch(l -> l.reserved() > 0);
    }

    private static ChoiceRefusedException invalid() {
        return new ChoiceRefusedException(HttpStatus.BAD_REQUEST, "invalid", null);
    }
}
