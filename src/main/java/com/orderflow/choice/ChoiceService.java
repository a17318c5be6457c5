package com.orderflow.choice;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.notification.NoticeDates;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's answer to a delay notice, through a signed link: showing the page changes
 * nothing (mail scanners open links); posting the form records the choice once and hands it to the
 * order's process as message {@code CustomerChoice}, in one transaction.
 */
@Service
public class ChoiceService {

    private final ChoiceTokens tokens;
    private final ChoiceProperties settings;
    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final ProductRepository products;
    private final ChoiceRecorder recorder;
    private final Clock clock;
    private final NoticeDates dates;

    ChoiceService(ChoiceTokens tokens, ChoiceProperties settings, OrderRepository orders,
                  BackorderRepository backorders, ProductRepository products, ChoiceRecorder recorder,
                  Clock clock, NoticeDates dates) {
        this.tokens = tokens;
        this.settings = settings;
        this.orders = orders;
        this.backorders = backorders;
        this.products = products;
        this.recorder = recorder;
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
        if (ChoiceRecorder.canShipNow(order)) {
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
        recorder.requireOpen(order);
        if (choice == CustomerChoice.SHIP_AVAILABLE) {
            ChoiceRecorder.requireShippable(order, locale);
        }
        recorder.record(order, claims.notice(), choice, Map.of("choice", choice.name(), "notice", claims.notice()), locale);
        return new ChoiceMade(choice, locale, order.partlySent());
    }

    private ChoiceClaims usable(String token) {
        ChoiceClaims claims = tokens.verify(token).orElseThrow(ChoiceService::invalid);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new ChoiceRefusedException(HttpStatus.GONE, "expired", localeOf(claims.orderId()), claims.orderId());
        }
        if (recorder.madeOn(claims.orderId(), claims.notice()).isPresent()) {
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
        return ChoiceRecorder.localeOf(order);
    }

    private Order openOrder(String orderId) {
        Order order = orders.find(orderId).orElseThrow(ChoiceService::invalid);
        recorder.requireOpen(order);
        return order;
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
                .filter(option -> option != CustomerChoice.SHIP_AVAILABLE || ChoiceRecorder.canShipNow(order)).sorted().toList();
        Locale locale = localeOf(order);
        return new ChoicePage(token, order.id(), order.customer().name(), lines, dates.format(eta, locale), options, locale);
    }

    private static ChoiceRefusedException invalid() {
        return new ChoiceRefusedException(HttpStatus.BAD_REQUEST, "invalid", null);
    }
}
