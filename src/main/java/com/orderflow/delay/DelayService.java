package com.orderflow.delay;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderPromises;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.choice.ChoiceService;
import com.orderflow.delay.DelayJudgement.LineChanges;
import com.orderflow.delay.DelayJudgement.LineSlip;
import com.orderflow.notification.Consolation;
import com.orderflow.notification.ConsolationOffer;
import com.orderflow.notification.CustomerNotifier;
import com.orderflow.notification.DelayNoticePolicy;
import com.orderflow.notification.NoticeData;
import com.orderflow.notification.NoticeKind;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.ShipPolicy;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.replenishment.PurchaseOrder;
import com.orderflow.replenishment.PurchaseOrderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Keeps a waiting customer's expectations honest: moves ETAs that passed without stock, and
 * announces a later ETA once it lies beyond the silent threshold past the first promise: the order's
 * for a {@code COMPLETE} order, each line's for a {@code PARTIAL} one, whose lines ship as they come.
 * Each notice is counted on the order with the consolation it offered, so the offer is honoured later.
 * Both steps run under the order's row lock and compare against what is stored, so running one
 * again (the engine retries) announces nothing twice.
 */
@Service
public class DelayService {

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final BackorderPromises promises;
    private final PurchaseOrderRepository purchaseOrders;
    private final DelayRepository delays;
    private final DelayNoticePolicy policy;
    private final DelayJudgement judgement;
    private final CustomerNotifier notifier;
    private final Timeline timeline;
    private final DelaySettings settings;
    private final ChoiceService choices;
    private final Clock clock;

    public DelayService(OrderRepository orders, BackorderRepository backorders, BackorderPromises promises,
                        PurchaseOrderRepository purchaseOrders, DelayRepository delays, DelayNoticePolicy policy,
                        DelayJudgement judgement, CustomerNotifier notifier, Timeline timeline, DelaySettings settings,
                        ChoiceService choices, Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.promises = promises;
        this.purchaseOrders = purchaseOrders;
        this.delays = delays;
        this.policy = policy;
        this.judgement = judgement;
        this.notifier = notifier;
        this.timeline = timeline;
        this.settings = settings;
        this.choices = choices;
        this.clock = clock;
    }

    /**
     * When the order's wait for stock ends by timer: its earliest open ETA (a step from now when it has none), or,
     * while {@code watchMaxWait}, the moment it reaches max-wait if that comes first, so ops hear of an order on the
     * day it has waited too long rather than at an ETA weeks later.
     */
    public Instant waitUntil(String orderId, boolean watchMaxWait, Instant opsEta) {
        Instant now = clock.instant();
        // Each line's date is looked at when it comes: one that passed without stock is moved on, and a PARTIAL
        // order's customer, whose line ships on its own, is told beyond the silent delay. Waiting for the latest, a
        // passed date stayed: notices listed it "on schedule", and it became the order's ETA once the rest arrived.
        Instant eta = earliestOpenEta(orderId).orElse(now.plus(settings.getOverdueStep()));
        if (!watchMaxWait) {
            return eta;
        }
        Instant tooLongAt = tooLongAt(orders.find(orderId).orElseThrow(), opsEta);
        return tooLongAt.isAfter(now) && tooLongAt.isBefore(eta) ? tooLongAt : eta;
    }

    /**
     * Gives each open backorder whose ETA has passed a new one: its purchase order's ETA when that is
     * still ahead, otherwise the overdue step from now.
     */
    public void rescheduleOverdue(String orderId) {
        orders.lock(orderId).orElseThrow();
        Instant now = clock.instant();
        for (Backorder backorder : openBackorders(orderId)) {
            if (backorder.eta() == null || backorder.eta().isAfter(now)) {
                continue;
            }
            Instant next = purchaseOrderEta(backorder).filter(eta -> eta.isAfter(now))
                    .orElse(now.plus(settings.getOverdueStep()));
            backorders.moveEta(backorder.id(), new Eta(next, backorder.etaBasis()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sku", backorder.sku());
            details.put("previousEta", backorder.eta().toString());
            details.put("eta", next.toString());
            details.put("etaBasis", backorder.etaBasis().name());
            details.put("reason", "ETA passed without stock");
            timeline.record(orderId, TimelineType.ETA_CHANGED, details,
                    "eta-passed:" + backorder.id() + ":" + backorder.eta());
        }
    }

    /**
     * Announces a delay when it is worth a notice: for a {@code COMPLETE} order, its latest ETA later than what the
     * customer knows and beyond the silent threshold past the first promise; for a {@code PARTIAL} order, any line's
     * ETA so against what the customer was told for that line (see {@link DelayJudgement}). Answers the delay notices
     * sent so far and whether the order has waited too long; the latter from the order it locked, as this runs at
     * every wait.
     */
    public DelayAssessment assess(String orderId, Instant opsEta) {
        Order order = orders.lock(orderId).orElseThrow();
        boolean waitedTooLong = !tooLongAt(order, opsEta).isAfter(clock.instant());
        DelayState state = delays.find(orderId).orElseThrow();
        DelayAssessment unchanged = new DelayAssessment(state.notices(), waitedTooLong, null);
        List<LineDelayState> lines = delays.waitingLines(orderId);
        Optional<Instant> latest = lines.stream().map(LineDelayState::eta).max(Instant::compareTo);
        if (order.isFinished() || order.cancelRequested() || latest.isEmpty()) {
            return unchanged;
        }
        if (state.firstPromise() == null) {
            // Backordered before promises were recorded: what stands now is the promise.
            orders.recordFirstPromise(orderId, latest.get());
            return unchanged;
        }
        Instant known = state.told();
        List<LineSlip> slips = List.of();
        List<LineSlip> sooner = List.of();
        if (order.shipPolicy() == ShipPolicy.PARTIAL) {
            // Each line ships as its stock comes, by the date the customer was given for it: a line moving past that
            // date is a delay to them even while another line, and so the order's latest ETA, is expected later still.
            LineChanges changes = judgement.lineChanges(lines, state, known);
            slips = changes.later();
            sooner = changes.sooner();
            if (slips.isEmpty()) {
                return unchanged;
            }
        } else if (!judgement.worthNotice(latest.get(), known, state.firstPromise(), state.notices() > 0, state.toldIn())) {
            // Everything ships together: the customer waits for the latest line, whatever the others do.
            return unchanged;
        }
        int notice = state.notices() + 1;
        // A consolation once offered is the customer's: later notices repeat it as given, whatever the policy
        // says by now. A changed orderflow.backorder.consolation or discount-percent applies to orders not
        // offered one yet; it rewrote a code already given to another value, or withdrew it.
        Optional<ConsolationOffer> offer = offered(state).or(() -> policy.consolationFor(notice));
        String code = offer.filter(ConsolationOffer::isDiscount)
                .map(o -> state.discountCode() != null ? state.discountCode() : discountCode()).orElse(null);
        // The notice gives every waiting line its date, the latest among them: the order's announced ETA.
        delays.recordNotice(orderId, notice, latest.get(),
                offer.map(o -> o.kind().name()).orElse(state.consolation()),
                offer.map(o -> o.isDiscount() ? o.discountPercent() : null).orElse(state.discountPercent()),
                code != null ? code : state.discountCode());
        if (!slips.isEmpty()) {
            promises.recordAnnounced(orderId);
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("notice", notice);
        if (slips.isEmpty()) {
            details.put("firstPromise", state.firstPromise().toString());
            details.put("previousEta", known.toString());
            details.put("eta", latest.get().toString());
        } else {
            // The lines that moved, each from the date its customer knew: the order's own dates need not have moved
            // at all, and read "17 December to 17 December" beside them.
            details.put("lines", slips.stream().map(LineSlip::details).toList());
        }
        offer.ifPresent(o -> details.put("consolation", o.kind().name()));
        offer.filter(ConsolationOffer::isDiscount).ifPresent(o -> details.put("discountPercent", o.discountPercent()));
        if (code != null) {
            details.put("discountCode", code);
        }
        timeline.record(orderId, TimelineType.DELAYED, details, "delayed:" + orderId + ":" + notice);

        Map<String, Object> data = new HashMap<>();
        data.put(NoticeData.NEW_ETA, latest.get());
        data.put(NoticeData.PREVIOUS_ETA, known);
        if (!slips.isEmpty()) {
            data.put(NoticeData.PREVIOUS_LINE_ETAS, slips.stream()
                    .collect(Collectors.toMap(LineSlip::lineNo, LineSlip::previousEta)));
            data.put(NoticeData.SOONER_LINE_ETAS, sooner.stream()
                    .collect(Collectors.toMap(LineSlip::lineNo, LineSlip::previousEta)));
        }
        if (state.toldIn() != null) {
            data.put(NoticeData.PREVIOUS_ETA_TOLD_IN, state.toldIn());
        }
        offer.ifPresent(o -> data.put(NoticeData.CONSOLATION, o));
        if (code != null) {
            data.put(NoticeData.DISCOUNT_CODE, code);
        }
        data.putAll(choiceLinks(orderId, notice));
        notifier.notify(orderId, NoticeKind.DELAYED, "delay-" + notice, data);
        return new DelayAssessment(notice, waitedTooLong, latest.get());
    }

    private static Optional<ConsolationOffer> offered(DelayState state) {
        if (state.consolation() == null || Consolation.NONE.name().equals(state.consolation())) {
            return Optional.empty();
        }
        return Optional.of(new ConsolationOffer(Consolation.valueOf(state.consolation()),
                state.discountPercent() == null ? 0 : state.discountPercent()));
    }

    private Map<String, Object> choiceLinks(String orderId, int notice) {
        return Map.of(NoticeData.CHOICE_LINKS, choices.links(orderId, notice));
    }

    private Instant tooLongAt(Order order, Instant opsEta) {
        return tooLongAt(order.createdAt(), opsEta);
    }

    /**
     * When an order will have waited {@code orderflow.backorder.max-wait}: since it was placed, or past
     * the date ops last kept it waiting for.
     */
    Instant tooLongAt(Instant placed, Instant opsEta) {
        return (opsEta == null ? placed : opsEta).plus(settings.getMaxWait());
    }

    private Optional<Instant> earliestOpenEta(String orderId) {
        return openBackorders(orderId).stream().map(Backorder::eta).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo);
    }

    private List<Backorder> openBackorders(String orderId) {
        return backorders.ofOrder(orderId).stream()
                .filter(b -> "OPEN".equals(b.status()) && b.openQuantity() > 0).toList();
    }

    private Optional<Instant> purchaseOrderEta(Backorder backorder) {
        return purchaseOrders.demandOf(backorder.id())
                .filter(demand -> "ACTIVE".equals(demand.status()))
                .flatMap(demand -> purchaseOrders.find(demand.purchaseOrderId()))
                .filter(PurchaseOrder::isOpen)
                .map(PurchaseOrder::eta);
    }

    private static String discountCode() {
        return "SORRY-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
