package com.orderflow.privacy;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.order.Order;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.payment.AuthorizationRenewals;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a finished order's customer data: the name and e-mail address on the order, the e-mails in the outbox
 * (recipient and text; one not sent yet is not sent any more) and the engine's history of the order's processes,
 * which holds the customer as a variable, the fingerprint of the placing request and the timeline's free text
 * (ops' notes, mail servers' replies). What was ordered, shipped and charged stays, and so does the rest of the
 * timeline. An order still to be shipped or charged, or with parcels left unpaid that ops have not settled, needs the
 * data and is refused.
 */
@Component
public class CustomerDataErasure {

    static final String ERASED = "(erased)";
    private static final List<String> FINISHED = OrderStatus.finishedNames();

    private final JdbcClient jdbc;
    private final PaymentRepository payments;
    private final HistoryService history;
    private final Timeline timeline;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public CustomerDataErasure(JdbcClient jdbc, PaymentRepository payments, HistoryService history, Timeline timeline,
                               TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.history = history;
        this.timeline = timeline;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Why and at whose word customer data was erased, on the timeline's {@code ERASED}: {@code basis}
     * {@code ORDER_REQUEST} (ops erased the order), {@code CUSTOMER_REQUEST} (the customer asked to be forgotten) or
     * {@code RETENTION} (the retention period passed; {@code by} is null).
     */
    public record Basis(String basis, String by) {

        public static Basis orderRequest(String by) {
            return new Basis("ORDER_REQUEST", by);
        }

        public static Basis customerRequest(String by) {
            return new Basis("CUSTOMER_REQUEST", by);
        }

        static Basis retention() {
            return new Basis("RETENTION", null);
        }
    }

    /** Erases the order's customer data now (again: nothing more); answers when it was erased. */
    public Instant erase(String orderId, Basis basis) {
        Instant erasedAt = transaction.execute(status -> eraseInTransaction(orderId, basis));
        // The order's processes have ended (it is finished), so their history is all that is left of them: the
        // order's own and its authorisation renewals', whose variables name the customer too.
        List<String> ended = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKeyIn(orderId, AuthorizationRenewals.businessKey(orderId)).finished()
                .list().stream().map(HistoricProcessInstance::getId).toList();
        if (!ended.isEmpty()) {
            history.deleteHistoricProcessInstancesIfExists(ended);
        }
        return erasedAt;
    }

    /**
     * Erases the customer data of every finished order placed with this e-mail address (compared without case), for
     * a customer who asks to be forgotten; answers the orders erased (now or before) and those still to ship or be
     * charged, which keep it until then.
     */
    public CustomerErasure eraseCustomer(String email, String by) {
        List<String> orderIds = jdbc.sql("SELECT id FROM orders WHERE LOWER(customer_email) = LOWER(?) ORDER BY created_at, id")
                .param(email.strip()).query(String.class).list();
        List<String> erased = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String orderId : orderIds) {
            try {
                erase(orderId, Basis.customerRequest(by));
                erased.add(orderId);
            } catch (ConflictException stillNeeded) {
                open.add(orderId);
            }
        }
        return new CustomerErasure(List.copyOf(erased), List.copyOf(open));
    }

    /** Orders whose customer data was erased, and orders that keep it until they have shipped or been charged. */
    public record CustomerErasure(List<String> erased, List<String> stillOpen) {
    }

    /** Erases every finished order's customer data that finished before {@code before}; answers how many. */
    public int eraseFinishedBefore(Instant before) {
        int erased = 0;
        List<String> due;
        do {
            due = jdbc.sql("""
                            SELECT id FROM orders WHERE erased_at IS NULL AND status IN (?, ?, ?) AND updated_at < ?
                              AND payment_lapsed_at IS NULL
                              AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = orders.id AND %s)
                            ORDER BY updated_at LIMIT 200""".formatted(Payment.owedCondition("p")))
                    .params(FINISHED.get(0), FINISHED.get(1), FINISHED.get(2), before.atOffset(ZoneOffset.UTC))
                    .query(String.class).list();
            for (String orderId : due) {
                erase(orderId, Basis.retention());
                erased++;
            }
        } while (due.size() == 200);
        return erased;
    }

    private Instant eraseInTransaction(String orderId, Basis basis) {
        Map<String, Object> order = jdbc.sql("SELECT status, erased_at, payment_lapsed_at FROM orders WHERE id = ? FOR UPDATE")
                .param(orderId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (order.get("erased_at") != null) {
            return instant(order.get("erased_at"));
        }
        if (!FINISHED.contains((String) order.get("status")) || order.get("payment_lapsed_at") != null) {
            throw new ConflictException("Order " + orderId + " is " + order.get("status")
                    + (order.get("payment_lapsed_at") != null ? " with a payment still to be settled" : "")
                    + ": its customer data is needed until it has shipped in full, been cancelled or rejected");
        }
        Optional<Payment> owed = payments.find(orderId).filter(Payment::owed);
        if (owed.isPresent()) {
            throw new ConflictException("Order " + orderId + " left parcels worth " + owed.get().unpaid().toPlainString() + " "
                    + owed.get().currency() + " unpaid: its customer data"
                    + " is needed to collect that; once collected, settle it with POST /api/orders/" + orderId
                    + "/payment/unpaid-settlement");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE orders SET customer_name = ?, customer_email = ?, payment_token = NULL, request_hash = ?,
                            erased_at = ?
                        WHERE id = ?""")
                .params(ERASED, ERASED, Order.REQUEST_ERASED, now.atOffset(ZoneOffset.UTC), orderId).update();
        timeline.eraseFreeText(orderId, ERASED);
        int unsent = jdbc.sql("""
                        UPDATE notification_outbox SET status = 'FAILED', last_error = 'customer data erased before it was sent'
                        WHERE order_id = ? AND status = 'PENDING'""").param(orderId).update();
        jdbc.sql("""
                        UPDATE notification_outbox SET recipient = ?, recipient_name = NULL, body_text = '', body_html = '',
                            body_kept_since = NULL
                        WHERE order_id = ?""").params(ERASED, orderId).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unsentNotices", unsent);
        details.put("basis", basis.basis());
        if (basis.by() != null) {
            details.put("by", basis.by());
        }
        timeline.record(orderId, TimelineType.ERASED, details, "erased:" + orderId);
        return now;
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime at ? at.toInstant() : ((Timestamp) value).toInstant();
    }
}
