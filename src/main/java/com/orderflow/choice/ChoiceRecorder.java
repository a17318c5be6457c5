package com.orderflow.choice;

import com.orderflow.backorder.BackorderRepository;
import com.orderflow.notification.NoticeLocale;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a customer's choice may be taken for, whether it came through a notice's link or was asked through the
 * shop or support, and taking it: once, on the order's timeline, handed to the order's process.
 */
@Component
class ChoiceRecorder {

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final Timeline timeline;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final Clock clock;

    ChoiceRecorder(OrderRepository orders, BackorderRepository backorders, Timeline timeline, RuntimeService runtime,
                   JdbcClient jdbc, Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.timeline = timeline;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The choice already made on notice number {@code notice} of the order, if any. */
    Optional<String> madeOn(String orderId, int notice) {
        return jdbc.sql("SELECT choice FROM customer_choice WHERE order_id = ? AND notice = ?")
                .params(orderId, notice).query(String.class).optional();
    }

    /**
     * Every notice's links stay valid until they expire, so an older notice's link can arrive after a later
     * one was used: once the rest was given up (the customer's "ship what is available", or ops'), or nothing
     * waits any more, "keep waiting" was confirmed with "we ship it as soon as everything has arrived".
     */
    void requireOpen(Order order) {
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

    static void requireShippable(Order order, Locale locale) {
        if (order.lines().stream().noneMatch(l -> l.reserved() > 0)) {
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "nothing-to-ship", locale, order.id());
        }
        if (order.paymentLapsed()) {
            // The rest would be given up for a parcel that cannot leave until the payment is authorised again.
            throw new ChoiceRefusedException(HttpStatus.CONFLICT, "payment-held", locale, order.id());
        }
    }

    static boolean canShipNow(Order order) {
        return !order.paymentLapsed() && order.lines().stream().anyMatch(l -> l.reserved() > 0);
    }

    /** Keeps the choice, once per notice, on the order's timeline, and hands it to the order's process. */
    void record(Order order, int notice, CustomerChoice choice, Map<String, Object> details, Locale locale) {
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

    static Locale localeOf(Order order) {
        return NoticeLocale.of(order.customer().locale()).format();
    }
}
