package com.orderflow.choice;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
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

    private final ChoiceTokens tokens;
    private final ChoiceProperties settings;
    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final Timeline timeline;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ChoiceService(ChoiceTokens tokens, ChoiceProperties settings, OrderRepository orders,
                         BackorderRepository backorders, Timeline timeline, RuntimeService runtime, JdbcClient jdbc,
                         Clock clock) {
        this.tokens = tokens;
        this.settings = settings;
        this.orders = orders;
        this.backorders = backorders;
        this.timeline = timeline;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The personal links for delay notice number {@code notice}, by choice (as {@code NoticeData}
     * names them). Shipping what is available is offered only when something is.
     */
    public Map<String, String> links(String orderId, int notice) {
        Order order = orders.find(orderId).orElseThrow();
        Set<CustomerChoice> options = EnumSet.of(CustomerChoice.KEEP_WAITING, CustomerChoice.CANCEL);
        if (order.lines().stream().anyMatch(l -> l.reserved() > 0)) {
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
    public CustomerChoice choose(String token, String option) {
        ChoiceClaims claims = usable(token);
        CustomerChoice choice = parse(option, claims);
        Order order = orders.lock(claims.orderId()).orElseThrow(ChoiceService::invalid);
        requireOpen(order);
        if (choice == CustomerChoice.SHIP_AVAILABLE && order.lines().stream().noneMatch(l -> l.reserved() > 0)) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "Nothing to ship yet",
                    "None of the items of order " + order.id() + " is in stock right now. You can keep waiting or cancel.");
        }
        try {
            jdbc.sql("INSERT INTO customer_choice (order_id, notice, choice, chosen_at) VALUES (?, ?, ?, ?)")
                    .params(order.id(), claims.notice(), choice.name(), OffsetDateTime.now(clock)).update();
        } catch (DuplicateKeyException sameLinkTwiceAtOnce) {
            throw usedAlready(claims);
        }
        timeline.record(order.id(), TimelineType.CUSTOMER_CHOSE, Map.of("choice", choice.name(), "notice", claims.notice()),
                "customer-chose:" + order.id() + ":" + claims.notice());
        List<String> instances = orders.processInstanceIds(List.of(order.id()));
        try {
            runtime.createMessageCorrelation(OrderProcess.MESSAGE_CUSTOMER_CHOICE)
                    .processInstanceId(instances.get(0))
                    .setVariable(OrderProcess.VAR_CUSTOMER_CHOICE, choice.name())
                    .correlate();
        } catch (ProcessEngineException | IndexOutOfBoundsException busy) {
            // The order's process could not take it now (finished meanwhile, or busy on another node):
            // nothing is recorded, and the link still works.
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "Please try again",
                    "We could not record your choice for order " + order.id() + " just now. Please try again in a few minutes.");
        }
        return choice;
    }

    private ChoiceClaims usable(String token) {
        ChoiceClaims claims = tokens.verify(token).orElseThrow(ChoiceService::invalid);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new ChoiceRefusedException(HttpStatus.GONE, "This link has expired",
                    "The link from our e-mail about order " + claims.orderId() + " has expired. Please contact us if you "
                            + "would like to change your order.");
        }
        String used = jdbc.sql("SELECT choice FROM customer_choice WHERE order_id = ? AND notice = ?")
                .params(claims.orderId(), claims.notice()).query(String.class).optional().orElse(null);
        if (used != null) {
            throw usedAlready(claims);
        }
        return claims;
    }

    private static ChoiceRefusedException usedAlready(ChoiceClaims claims) {
        return new ChoiceRefusedException(HttpStatus.CONFLICT, "This link was used already",
                "You already told us your choice for order " + claims.orderId() + ". Each link works once.");
    }

    private Order openOrder(String orderId) {
        Order order = orders.find(orderId).orElseThrow(ChoiceService::invalid);
        requireOpen(order);
        return order;
    }

    private static void requireOpen(Order order) {
        if (order.isFinished() || order.cancelRequested()) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "Your order can no longer be changed",
                    "Order " + order.id() + " has " + (order.cancelRequested() ? "been cancelled" : "been completed")
                            + "; there is nothing left to choose.");
        }
    }

    private static CustomerChoice parse(String option, ChoiceClaims claims) {
        for (CustomerChoice choice : claims.options()) {
            if (choice.name().equals(option)) {
                return choice;
            }
        }
        throw new ChoiceRefusedException(HttpStatus.BAD_REQUEST, "Unknown choice",
                "Please choose one of the buttons on the page.");
    }

    private ChoicePage page(String token, Order order, ChoiceClaims claims) {
        Instant eta = backorders.ofOrder(order.id()).stream().filter(b -> "OPEN".equals(b.status()))
                .map(Backorder::eta).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        List<ChoicePage.Line> lines = order.lines().stream()
                .map((OrderLine l) -> new ChoicePage.Line(l.sku(), l.quantity(), l.shipped(), l.reserved(), l.backordered()))
                .toList();
        List<CustomerChoice> options = claims.options().stream().sorted().toList();
        return new ChoicePage(token, order.id(), order.customer().name(), lines, eta, options);
    }

    private static ChoiceRefusedException invalid() {
        return new ChoiceRefusedException(HttpStatus.BAD_REQUEST, "This link is not valid",
                "Please use the link exactly as it appears in our e-mail.");
    }
}
