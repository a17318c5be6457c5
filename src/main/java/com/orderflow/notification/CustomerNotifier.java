package com.orderflow.notification;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderPromises;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the customer about their order: renders the notice in their language and puts it in the
 * outbox, next to the NOTIFIED entry on the timeline. Both are written in the caller's transaction
 * (a delegate's, inside the engine's), so a step that rolls back leaves no notice behind and a
 * committed step never loses one; {@link NoticeSender} e-mails it afterwards. Each notice is
 * written once per order, kind and reference, so a step the engine runs again sends nothing twice.
 * A shipment notice for a parcel that did not leave (a cancellation held it back) is not written.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class CustomerNotifier {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final BackorderPromises promises;
    private final Timeline timeline;
    private final NoticeModelBuilder models;
    private final NoticeRenderer renderer;
    private final NoticeOutbox outbox;
    private final NoticeMailer mailer;
    private final NotificationProperties settings;

    public CustomerNotifier(OrderRepository orders, BackorderRepository backorders, BackorderPromises promises,
                            Timeline timeline, NoticeModelBuilder models, NoticeRenderer renderer, NoticeOutbox outbox,
                            NoticeMailer mailer, NotificationProperties settings) {
        this.orders = orders;
        this.backorders = backorders;
        this.promises = promises;
        this.timeline = timeline;
        this.models = models;
        this.renderer = renderer;
        this.outbox = outbox;
        this.mailer = mailer;
        this.settings = settings;
    }

    public void notify(String orderId, NoticeKind kind, String reference) {
        notify(orderId, kind, reference, Map.of());
    }

    /**
     * Writes the notice.
     *
     * @param reference  tells notices of one kind apart (the shipment of a shipment notice, the
     *                   delay of a delay notice); {@code null} for kinds sent once per order
     * @param data       what only the caller knows, by the names in {@link NoticeData}
     */
    public void notify(String orderId, NoticeKind kind, String reference, Map<String, ?> data) {
        String key = key(orderId, kind, reference);
        // A parcel is announced once: a held order's drop-shipped parcel is announced when it leaves, and the
        // order's own shipment step may name it otherwise when the order ships on.
        String sameNoticeKey = switch (kind) {
            case SHIPPED -> key(orderId, NoticeKind.PARTIALLY_SHIPPED, reference);
            case PARTIALLY_SHIPPED -> key(orderId, NoticeKind.SHIPPED, reference);
            default -> key;
        };
        Order order = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("Unknown order " + orderId));
        if (order.cancelRequested() && (kind == NoticeKind.CONFIRMED || kind == NoticeKind.BACKORDERED)) {
            // The customer cancelled before the order's first steps ran; the cancellation notice is what they hear.
            log.debug("Notice {} for order {} not written: its cancellation was requested", kind, orderId);
            return;
        }
        NoticeLocale locale = NoticeLocale.of(order.customer().locale());
        Optional<Map<String, Object>> built = models.build(order, kind, reference, locale, data == null ? Map.of() : data);
        if (built.isEmpty()) {
            log.debug("Notice {} for order {} has nothing to announce ({} did not leave)", kind, orderId, reference);
            return;
        }
        Map<String, Object> model = built.get();
        RenderedNotice notice = renderer.render(kind, locale.language(), model);
        // A step run again renders again (rare) but writes nothing twice: the key decides.
        if (outbox.add(key, sameNoticeKey, orderId, kind, reference, order.customer().email(), order.customer().name(),
                locale.tag(), notice)) {
            timeline.record(orderId, TimelineType.NOTIFIED, details(orderId, kind, reference, model), key);
            if (kind == NoticeKind.BACKORDERED || kind == NoticeKind.DELAYED || kind == NoticeKind.PARTIALLY_SHIPPED) {
                // The days these notices print are read in this zone; a delay is measured against the day read.
                orders.recordEtaToldIn(orderId, settings.timeZone());
            }
            if (kind == NoticeKind.PARTIALLY_SHIPPED) {
                // The parcel's notice gives the rest's date: when that came forward, a supplier slipping back from
                // it is a delay to announce, also to a date no later than the first promise.
                backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status())).map(Backorder::eta)
                        .filter(java.util.Objects::nonNull).max(Instant::compareTo)
                        .ifPresent(told -> orders.recordEarlierToldEta(orderId, told));
                // It gives each line's date: a PARTIAL order's delays are judged per line (see DelayService).
                promises.recordEarlierTold(orderId);
            }
            // NoticeSender logs each e-mail it sends; the NOTIFIED timeline entry records the writing. Without an
            // SMTP server nothing is sent, and the log is where someone trying the service looks for the notice.
            if (mailer.configured()) {
                log.debug("Notice {} for order {} written to the outbox ({})", kind, orderId, locale.tag());
            } else {
                log.info("Notice {} for order {} kept in the outbox, not e-mailed (no SMTP server configured): \"{}\"",
                        kind, orderId, notice.subject());
            }
        }
    }

    private static String key(String orderId, NoticeKind kind, String reference) {
        return "notice:" + orderId + ":" + kind + (reference == null ? "" : ":" + reference);
    }

    private Map<String, Object> details(String orderId, NoticeKind kind, String reference, Map<String, Object> model) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.name());
        if (reference != null) {
            details.put("reference", reference);
        }
        if (kind == NoticeKind.BACKORDERED) {
            List<Backorder> open = backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status())).toList();
            details.put("lines", open.stream().map(b -> Map.of("sku", b.sku(), "quantity", b.openQuantity(),
                    "eta", b.eta().toString())).toList());
            open.stream().map(Backorder::eta).max(Instant::compareTo).ifPresent(eta -> details.put("eta", eta.toString()));
        }
        // A delay judged per line gives each moved line its date, not the order's (see DelayService).
        if (model.get("newEta") instanceof Instant newEta && !Boolean.TRUE.equals(model.get("perLine"))) {
            details.put("newEta", newEta.toString());
        }
        if (model.get("amount") != null) {
            details.put("amount", model.get("amount"));
        }
        return details;
    }
}
