package com.orderflow.payment;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Authorise when the order is accepted, capture only what ships, release the rest.
 * Each operation sends a key derived from the order (and shipment), so a retried step never
 * moves money twice, and records the operation so the step can tell it already happened.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    /**
     * Idempotency keys of re-authorisations start with this, followed by the authorisation they replace
     * (and, after a refusal, the attempt).
     */
    public static final String REAUTHORIZE_KEY_PREFIX = "reauthorize:";
    private static final String UNPAID_KEY_PREFIX = "unpaid:";

    private final PaymentGateway gateway;
    private final PaymentRepository payments;
    private final OrderRepository orders;
    private final Timeline timeline;
    private final PaymentSettings settings;
    private final Clock clock;

    public PaymentService(PaymentGateway gateway, PaymentRepository payments, OrderRepository orders,
                          Timeline timeline, PaymentSettings settings, Clock clock) {
        this.gateway = gateway;
        this.payments = payments;
        this.orders = orders;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    /** @throws PaymentDeclinedException when the provider declines; the decline is recorded first */
    public Payment authorize(String orderId) {
        Optional<Payment> existing = payments.lock(orderId);
        if (existing.isPresent()) {
            if (existing.get().status() == PaymentStatus.DECLINED) {
                throw new PaymentDeclinedException("card declined");
            }
            return existing.get();
        }
        Order order = orders.find(orderId).orElseThrow();
        String key = "authorize:" + orderId;
        try {
            String authorizationId = gateway.authorize(key, order.paymentToken(), order.total(), order.currency(), orderId);
            Payment payment = new Payment(orderId, authorizationId, PaymentStatus.AUTHORIZED, order.currency(),
                    order.total(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
            payments.insert(payment);
            payments.recordOperation(key, orderId, "AUTHORIZE", order.total(), authorizationId);
            timeline.record(orderId, TimelineType.AUTHORIZED,
                    Map.of("amount", order.total(), "currency", order.currency()), key);
            return payment;
        } catch (PaymentDeclinedException declined) {
            payments.insert(new Payment(orderId, null, PaymentStatus.DECLINED, order.currency(), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
            payments.recordOperation(key, orderId, "AUTHORIZE_DECLINED", order.total(), declinedReference(declined));
            throw declined;
        }
    }

    /**
     * Captures {@code amount} for one shipment; a second call for the same shipment does nothing. A capture the
     * provider refuses (the authorisation lapsed while the parcel's dispatch waited out an outage, or was released)
     * leaves the parcel unpaid for ops to collect: retried, the refusal was an incident for good, and the order read
     * SHIPPED with nothing charged, nothing owed and its customer never told it had left.
     */
    public void capture(String orderId, String shipmentId, BigDecimal amount) {
        String key = "capture:" + shipmentId;
        Payment payment = payments.lock(orderId).orElseThrow();
        if (payments.anyOperationDone(List.of(key, UNPAID_KEY_PREFIX + shipmentId))) {
            return;
        }
        if (amount.signum() == 0) {
            // A free parcel moves no money; an order with nothing left to capture is settled all the same.
            boolean nothingLeft = payment.captured().compareTo(spendable(payment)) >= 0;
            if (payment.status() == PaymentStatus.AUTHORIZED && nothingLeft) {
                payments.update(new Payment(orderId, payment.authorizationId(), PaymentStatus.CAPTURED, payment.currency(),
                        payment.authorized(), payment.captured(), payment.refunded(), payment.voided()));
            }
            return;
        }
        String reference;
        try {
            reference = gateway.capture(key, payment.authorizationId(), amount);
        } catch (PaymentDeclinedException refused) {
            payments.recordOperation("capture-declined:" + shipmentId, orderId, "CAPTURE_DECLINED", amount,
                    declinedReference(refused));
            // The authorisation holds nothing for the parcel any more: its value lapsed unused, as a refused release's
            // does. Left open, the order read AUTHORIZED for ever on an authorisation the provider no longer honours.
            boolean nothingLeft = payment.captured().signum() == 0 && payment.open().compareTo(amount) <= 0;
            payments.recordLapsed(orderId, nothingLeft ? PaymentStatus.LAPSED : payment.status(), amount);
            leaveUnpaid(orderId, shipmentId, amount, "the payment provider refused to charge parcel " + shipmentId
                    + " (" + refused.getMessage() + ")");
            return;
        }
        BigDecimal captured = payment.captured().add(amount);
        PaymentStatus status = captured.compareTo(spendable(payment)) >= 0
                ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
        payments.update(new Payment(orderId, payment.authorizationId(), status, payment.currency(),
                payment.authorized(), captured, payment.refunded(), payment.voided()));
        payments.recordOperation(key, orderId, "CAPTURE", amount, reference);
        timeline.record(orderId, TimelineType.CAPTURED,
                Map.of("amount", amount, "currency", payment.currency(), "shipmentId", shipmentId), key);
    }

    /**
     * A parcel that left while the order's payment was held (a drop-ship supplier's, after the renewal was
     * refused) and whose order is now cancelled after its authorisation lapsed: the parcel stays unpaid, and ops
     * are told to collect it.
     */
    public void leaveUnpaid(String orderId, String shipmentId, BigDecimal amount) {
        leaveUnpaid(orderId, shipmentId, amount, "parcel " + shipmentId + " left while the payment was held and the"
                + " order was cancelled before it was authorised again");
    }

    private void leaveUnpaid(String orderId, String shipmentId, BigDecimal amount, String why) {
        String key = UNPAID_KEY_PREFIX + shipmentId;
        Optional<Payment> payment = payments.lock(orderId);
        if (payment.isEmpty() || payments.operationDone(key)) {
            return;
        }
        String currency = payment.get().currency();
        payments.addUnpaid(orderId, amount);
        payments.recordOperation(key, orderId, "LEFT_UNPAID", amount, shipmentId);
        timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", "ops", "shipmentId", shipmentId, "amount", amount,
                "currency", currency, "reason", why + ": " + amount.toPlainString() + " " + currency
                        + " not charged, collect it from the customer"), key);
        log.warn("Order {}: parcel {} left unpaid ({} {}): collect it from the customer, then settle it with"
                + " POST /api/orders/{}/payment/unpaid-settlement", orderId, shipmentId, amount.toPlainString(), currency, orderId);
    }

    /**
     * Ops collected what the customer had not paid for, or wrote it off, with a note saying how; answers the payment
     * as settled. Settling again answers it as it was settled, and is refused as another outcome.
     */
    public Payment settleUnpaid(String orderId, SettlementOutcome outcome, String reference, String note, String by) {
        orders.find(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        Payment payment = payments.lock(orderId)
                .filter(found -> found.unpaid().signum() > 0)
                .orElseThrow(() -> new ConflictException("Order " + orderId + " has no parcel left unpaid"));
        if (payment.unpaidSettledAt() == null) {
            Instant now = clock.instant();
            payments.settleUnpaid(orderId, now, by, outcome, reference);
            // A parcel left unpaid after an earlier settlement opened the debt again: each settlement its own key,
            // for what was not settled before.
            BigDecimal settling = payment.unpaid().subtract(payments.settledUnpaid(orderId));
            String key = "unpaid-settled:" + orderId + ":" + payment.unpaid().toPlainString();
            payments.recordOperation(key, orderId, "UNPAID_SETTLED", settling, by);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("amount", settling);
            details.put("currency", payment.currency());
            // Outcome and reference are the books' and outlive the customer's data; the note is erased with it.
            details.put("outcome", outcome.name());
            if (reference != null) {
                details.put("reference", reference);
            }
            details.put("note", note);
            details.put("by", by);
            timeline.record(orderId, TimelineType.UNPAID_SETTLED, details, key);
        } else if (payment.unpaidSettledAs() != null && payment.unpaidSettledAs() != outcome) {
            throw new ConflictException("Order " + orderId + "'s unpaid parcels were settled as "
                    + payment.unpaidSettledAs() + " on " + payment.unpaidSettledAt() + "; a settlement is not changed");
        }
        return payments.find(orderId).orElseThrow();
    }

    /** What the authorisation can still be charged with in all: neither released nor lapsed. */
    private static BigDecimal spendable(Payment payment) {
        return payment.authorized().subtract(payment.voided()).subtract(payment.lapsed());
    }

    /** What the provider said, as a declined operation's reference (its column holds 100 characters). */
    private static String declinedReference(PaymentDeclinedException declined) {
        String reference = "declined: " + declined.getMessage();
        return reference.length() > 100 ? reference.substring(0, 100) : reference;
    }

    /**
     * Releases whatever is authorised and not captured, for {@code why} (on the timeline: the auditor read a release
     * with no reason beside those of a renewal or a given-up rest). With {@code lapsed} the authorisation may have
     * expired (the order's renewal was refused, or it is past its validity), and a provider that refuses to release
     * it holds nothing any more: the cancellation then ends as cancelled, not as an incident.
     */
    public void voidOpenAuthorization(String orderId, boolean lapsed, String why) {
        String key = "void:" + orderId;
        Optional<Payment> found = payments.lock(orderId);
        if (found.isEmpty() || found.get().authorizationId() == null || payments.operationDone(key)) {
            return;
        }
        Payment payment = found.get();
        BigDecimal open = payment.open();
        if (open.signum() <= 0) {
            // Nothing held (a free order): the order ends all the same, and its payment read AUTHORIZED for ever.
            if (payment.status() == PaymentStatus.AUTHORIZED) {
                payments.update(new Payment(orderId, payment.authorizationId(),
                        payment.captured().signum() > 0 ? PaymentStatus.CAPTURED : PaymentStatus.VOIDED, payment.currency(),
                        payment.authorized(), payment.captured(), payment.refunded(), payment.voided()));
            }
            return;
        }
        String reference;
        String kind = "VOID";
        try {
            reference = gateway.voidAuthorization(key, payment.authorizationId(), open);
        } catch (PaymentDeclinedException expired) {
            if (!lapsed) {
                throw expired;
            }
            // Nothing was released: the hold had ended with the authorisation. The customer, told "we have released
            // the €430.00 still reserved" beside "your card could no longer be charged", read two stories.
            reference = "refused, the authorisation lapsed: " + expired.getMessage();
            kind = "VOID_LAPSED";
        }
        if ("VOID".equals(kind)) {
            PaymentStatus status = payment.captured().signum() > 0 ? PaymentStatus.CAPTURED : PaymentStatus.VOIDED;
            payments.update(new Payment(orderId, payment.authorizationId(), status, payment.currency(),
                    payment.authorized(), payment.captured(), payment.refunded(), payment.voided().add(open)));
        } else {
            payments.recordLapsed(orderId, payment.captured().signum() > 0 ? PaymentStatus.CAPTURED : PaymentStatus.LAPSED,
                    open);
        }
        payments.recordOperation(key, orderId, kind, open, reference);
        timeline.record(orderId, TimelineType.VOIDED, Map.of("amount", open, "currency", payment.currency(),
                "reason", "VOID".equals(kind) ? why : why + "; the authorisation had lapsed"), key);
    }

    /**
     * Replaces an authorisation about to lapse with a new one for what is still open (authorised,
     * neither captured nor released). The key names the authorisation replaced and the attempt, so a
     * retried step authorises once, a new attempt after a refusal is a new request to the provider,
     * and the next renewal (of the new authorisation) gets a key of its own. With a new payment token
     * (the customer gave another card after a refusal) the order pays with that from now on. A renewal
     * that ends an order's lapse releases its hold.
     *
     * @param refusedBefore how often the provider refused to renew this authorisation already
     * @param newToken another payment method of the customer's, or null for the order's own
     * @throws PaymentDeclinedException when the provider refuses the new authorisation, or the new
     *                                  token is longer than an order's may be
     */
    public Renewal reauthorize(String orderId, Duration validity, int refusedBefore, String newToken) {
        // The order's row before the payment's, as the steps that void or capture take them: the
        // renewal writes the order's row (token, hold) while it holds the payment's.
        Order order = orders.lock(orderId).orElseThrow();
        Optional<Payment> found = payments.lock(orderId);
        // An order whose cancellation was requested is about to release its money, not to hold it again.
        if (found.isEmpty() || found.get().authorizationId() == null || !order.needsAuthorization()
                || order.cancelRequested() || found.get().open().signum() <= 0) {
            return Renewal.NOTHING_OPEN;
        }
        if (newToken != null && newToken.length() > PlaceOrderRequest.PaymentRequest.MAX_TOKEN_LENGTH) {
            throw new PaymentDeclinedException("the new payment token is longer than "
                    + PlaceOrderRequest.PaymentRequest.MAX_TOKEN_LENGTH + " characters");
        }
        if (CardNumber.Refused.looksLikeCardNumber(newToken)) {
            throw new PaymentDeclinedException("the new payment token is a card number, not the payment provider's token for it");
        }
        if (!order.paymentLapsed() && payments.captureUnderWay(orderId)) {
            // Its capture may have reached the provider on this authorisation and failed; replacing the
            // authorisation now would release the parcel's money and leave the retried capture on an
            // authorisation released. The renewal is retried once the parcel is charged. A held order's
            // parcels wait for this very renewal to be charged at all.
            throw new IllegalStateException("Order " + orderId + " has a parcel whose capture is under way; "
                    + "its authorisation is renewed once the parcel is charged");
        }
        Payment payment = found.get();
        String key = REAUTHORIZE_KEY_PREFIX + payment.authorizationId()
                + (refusedBefore == 0 ? "" : "/attempt-" + (refusedBefore + 1));
        String token = newToken == null ? order.paymentToken() : newToken;
        BigDecimal open = payment.open();
        String authorizationId;
        try {
            authorizationId = gateway.authorize(key, token, open, payment.currency(), orderId);
        } catch (PaymentDeclinedException declined) {
            payments.recordOperation(key, orderId, "REAUTHORIZE_DECLINED", open, declinedReference(declined));
            throw declined;
        }
        if (newToken != null) {
            orders.replacePaymentToken(orderId, newToken);
        }
        payments.replaceAuthorization(orderId, authorizationId);
        payments.recordOperation(key, orderId, "REAUTHORIZE", open, authorizationId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amount", open);
        details.put("currency", payment.currency());
        details.put("authorization", authorizationId);
        details.put("replaces", payment.authorizationId());
        details.put("validUntil", clock.instant().plus(validity).toString());
        if (newToken != null) {
            details.put("newPaymentMethod", true);
        }
        timeline.record(orderId, TimelineType.REAUTHORIZED, details, key);
        // After the new hold is on the books, as the provider placed it: the card was never left without one.
        releaseReplaced(orderId, payment.authorizationId(), open, payment.currency());
        return orders.clearPaymentLapse(orderId) ? Renewal.RENEWED_AFTER_LAPSE : Renewal.RENEWED;
    }

    /**
     * The authorisation a renewal replaced still holds the open amount on the customer's card until it
     * lapses; with the new one, the customer was held twice. It is released once the new one stands (its
     * own key, so a retried renewal releases nothing twice). A provider that refuses (the old
     * authorisation lapsed already) has nothing left to release.
     */
    private void releaseReplaced(String orderId, String replaced, BigDecimal open, String currency) {
        String key = "void-replaced:" + replaced;
        if (payments.operationDone(key)) {
            return;
        }
        try {
            String reference = gateway.voidAuthorization(key, replaced, open);
            payments.recordOperation(key, orderId, "VOID_REPLACED", open, reference);
            // Money released on the customer's card, as every other release is on the timeline.
            timeline.record(orderId, TimelineType.VOIDED, Map.of("amount", open, "currency", currency,
                    "authorization", replaced, "reason", "replaced by a renewed authorisation"), key);
        } catch (PaymentDeclinedException nothingLeftToRelease) {
            payments.recordOperation(key, orderId, "VOID_REPLACED", BigDecimal.ZERO, "refused: " + nothingLeftToRelease.getMessage());
        }
    }

    /**
     * Records a refused renewal: the order is held (nothing of it ships on an authorisation the
     * provider would refuse to capture) when ops can release it, and ops are told. Answers what ops
     * need to reach the customer.
     */
    public Lapse lapse(String orderId, String reason, boolean hold) {
        Order order = orders.lock(orderId).orElseThrow();
        if (hold) {
            orders.markPaymentLapsed(orderId);
        }
        timeline.record(orderId, TimelineType.ESCALATED, Map.of("to", "ops",
                "reason", "payment authorisation could not be renewed: " + reason), null);
        BigDecimal open = payments.find(orderId).map(Payment::open).orElse(BigDecimal.ZERO);
        return new Lapse(order.customer().contact(),
                open.toPlainString() + " " + order.currency());
    }

    /**
     * When the order's authorisation lapses, or lapsed: the provider holds it for
     * {@code orderflow.payment.authorization-validity} from when it was granted. An order is held from the
     * renewal's refusal, up to the renewal margin before that.
     */
    public Optional<Instant> authorizationLapsesAt(String orderId) {
        return payments.find(orderId).flatMap(this::authorizationLapsesAt);
    }

    /** Whether the order's authorisation still holds: granted, and not lapsed yet. */
    public boolean authorizationHolds(String orderId) {
        return authorizationLapsesAt(orderId).filter(lapses -> lapses.isAfter(clock.instant())).isPresent();
    }

    /** As {@link #authorizationLapsesAt(String)}, for a payment at hand. */
    public Optional<Instant> authorizationLapsesAt(Payment payment) {
        return payment.authorizationId() == null ? Optional.empty()
                : payments.grantedAt(payment.orderId()).map(granted -> granted.plus(settings.getAuthorizationValidity()));
    }

    /** What a renewal did. */
    public enum Renewal {
        /** The order is closed or owes nothing: nothing to keep authorised. */
        NOTHING_OPEN,
        RENEWED,
        /** Renewed for an order held since an earlier refusal, which may ship again now. */
        RENEWED_AFTER_LAPSE
    }

    /** Whom to contact about a lapsed authorisation, and for how much. */
    public record Lapse(String customer, String openAmount) {
    }

    /** Whether the order may still ship something, so its authorisation must be kept alive. */
    public boolean orderOpen(String orderId) {
        return orders.find(orderId).orElseThrow().needsAuthorization();
    }

    /**
     * Releases the share of the authorisation belonging to units the order no longer owes (the
     * customer gave up the backordered rest), at most what is still open. The key makes a retried
     * step release nothing twice.
     */
    public void voidShare(String orderId, BigDecimal amount, String key) {
        Optional<Payment> found = payments.lock(orderId);
        if (found.isEmpty() || found.get().authorizationId() == null || payments.operationDone(key)) {
            return;
        }
        Payment payment = found.get();
        BigDecimal share = amount.min(payment.open());
        if (share.signum() <= 0) {
            return;
        }
        String reference = gateway.voidAuthorization(key, payment.authorizationId(), share);
        BigDecimal voided = payment.voided().add(share);
        payments.update(new Payment(orderId, payment.authorizationId(), payment.status(), payment.currency(),
                payment.authorized(), payment.captured(), payment.refunded(), voided));
        payments.recordOperation(key, orderId, "VOID", share, reference);
        timeline.record(orderId, TimelineType.VOIDED, Map.of("amount", share, "currency", payment.currency(),
                "reason", "backordered rest cancelled"), key);
    }

    /**
     * Returns money captured for goods the customer does not keep: captured beyond the value of the
     * shipped units. Capture happens only at shipment, so after a cancellation this is usually
     * nothing; the refund carries the order's key, so a retried step never refunds twice.
     */
    public void refundUndelivered(String orderId) {
        String key = "refund:" + orderId;
        Optional<Payment> found = payments.lock(orderId);
        if (found.isEmpty() || payments.operationDone(key)) {
            return;
        }
        Payment payment = found.get();
        BigDecimal kept = orders.lines(orderId).stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.shipped())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal refund = payment.captured().subtract(payment.refunded()).subtract(kept);
        if (refund.signum() <= 0) {
            return;
        }
        refund(payment, refund, key);
    }

    /** Refunds an amount of captured money once per idempotency key. */
    public void refund(String orderId, BigDecimal amount, String key) {
        Payment payment = payments.lock(orderId).orElseThrow();
        if (payments.operationDone(key) || amount.signum() <= 0) {
            return;
        }
        refund(payment, amount.min(payment.captured().subtract(payment.refunded())), key);
    }

    private void refund(Payment payment, BigDecimal amount, String key) {
        String reference = gateway.refund(key, payment.authorizationId(), amount);
        payments.update(new Payment(payment.orderId(), payment.authorizationId(), payment.status(), payment.currency(),
                payment.authorized(), payment.captured(), payment.refunded().add(amount), payment.voided()));
        payments.recordOperation(key, payment.orderId(), "REFUND", amount, reference);
        timeline.record(payment.orderId(), TimelineType.REFUNDED,
                Map.of("amount", amount, "currency", payment.currency()), key);
    }

    public Optional<Payment> find(String orderId) {
        return payments.find(orderId);
    }
}
