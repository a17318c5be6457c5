package com.orderflow.notification;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.shipping.Shipment;
import com.orderflow.shipping.ShipmentRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Gathers what a notice says from the order as it stands, plus what only the caller knows (see
 * {@link NoticeData}). The templates only lay it out: every decision is taken here or earlier.
 */
@Component
class NoticeModelBuilder {

    private static final List<String> CHOICE_ORDER =
            List.of(NoticeData.KEEP_WAITING, NoticeData.SHIP_AVAILABLE, NoticeData.CANCEL);

    private final ProductRepository products;
    private final BackorderRepository backorders;
    private final ShipmentRepository shipments;
    private final PaymentRepository payments;
    private final NotificationProperties settings;
    private final DelayNoticePolicy delayPolicy;

    NoticeModelBuilder(ProductRepository products, BackorderRepository backorders, ShipmentRepository shipments,
                       PaymentRepository payments, NotificationProperties settings, DelayNoticePolicy delayPolicy) {
        this.products = products;
        this.backorders = backorders;
        this.shipments = shipments;
        this.payments = payments;
        this.settings = settings;
        this.delayPolicy = delayPolicy;
    }

    /** Empty when there is nothing to announce: a shipment notice for a parcel a cancellation held back. */
    Optional<Map<String, Object>> build(Order order, NoticeKind kind, String reference, NoticeLocale locale, Map<String, ?> data) {
        Map<String, Product> catalog = products.findAll(order.lines().stream().map(OrderLine::sku).toList());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", kind.name());
        model.put("orderId", order.id());
        model.put("customerName", order.customer().name());
        model.put("shopName", settings.shopName());
        model.put("fmt", new NoticeFormat(locale.format(), settings.timeZone(), order.currency(), !delayPolicy.daysOnly()));
        model.put("shipPolicy", order.shipPolicy().name());
        model.put("total", order.total());
        model.put("lines", order.lines().stream().map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.quantity(),
                l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())), null)).toList());
        // Backorders follow the lines' backordered units: an order without any has none open to list.
        boolean anyBackordered = order.lines().stream().anyMatch(l -> l.backordered() > 0);
        List<Backorder> open = !anyBackordered ? List.of() : backorders.ofOrder(order.id()).stream()
                .filter(b -> "OPEN".equals(b.status()) && b.openQuantity() > 0).toList();
        List<NoticeLine> waiting = open.stream()
                .map(b -> new NoticeLine(b.sku(), name(catalog, b.sku()), b.openQuantity(), null, b.eta())).toList();
        model.put("backordered", waiting);
        model.put("latestEta", waiting.stream().map(NoticeLine::eta).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null));
        switch (kind) {
            case BACKORDERED -> model.put("reservedNow", order.lines().stream().filter(l -> l.reserved() > 0)
                    .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.reserved(), null, null)).toList());
            case PARTIALLY_SHIPPED, SHIPPED -> {
                Optional<NoticeShipment> shipment = dispatchedShipment(order, reference, catalog);
                if (shipment.isEmpty()) {
                    return Optional.empty();
                }
                model.put("shipment", shipment.get());
                // Only a held order's drop-shipped parcel is announced before its capture (see CustomerNotifier).
                model.put("chargePending", order.paymentLapsed()
                        && shipments.dispatchedUncaptured(order.id()).contains(reference));
                // The provider refused its capture: "we have charged" it was untrue.
                model.put("chargeRefused", payments.leftUnpaid(reference));
                // Units held in the warehouse for this order but not in this parcel: a drop-shipped parcel goes
                // out on its own, and without them the notice listed only the backordered rest.
                model.put("reservedRest", order.lines().stream().filter(l -> l.reserved() > 0)
                        .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.reserved(), null, null)).toList());
                // A held order's units do not leave until its payment is authorised again: "sent in a parcel of its
                // own" told the customer of a parcel that was not coming.
                model.put("paymentHeld", order.paymentLapsed());
                // Units given up (the customer or ops cancelled the backordered rest): without them the last
                // notice said "your order is complete", and nothing told the customer the rest was cancelled.
                // It is "the rest of your order" only after an earlier parcel; the usual notice skips the look-up.
                List<NoticeLine> cancelled = cancelledLines(order, catalog);
                model.put("cancelled", cancelled);
                // What giving up the rest released on the card, as a cancellation's notice says it; only that
                // release counts in voided while the order ships (a renewal's swapped hold does not).
                model.put("restReleased", cancelled.isEmpty() ? null
                        : payments.find(order.id()).map(Payment::voided).orElse(null));
                model.put("earlierParcel", !cancelled.isEmpty() && shipments.parcelsOf(order.id()).stream()
                        .anyMatch(parcel -> "DISPATCHED".equals(parcel.status()) && !parcel.id().equals(reference)));
            }
            case CANCELLED -> putCancellation(model, order, catalog);
            case REJECTED -> {
                model.put("reason", order.rejectReason());
                model.put("refused", order.lines().stream().filter(OrderLine::refused)
                        .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.quantity(), null, null)).toList());
            }
            case DELAYED -> {
                if (data.get(NoticeData.PREVIOUS_LINE_ETAS) != null) {
                    putLineDelay(model, data, open, catalog);
                } else {
                    putDelay(model, data, waiting);
                }
                putDelayOffer(model, order, data);
            }
            default -> {
                // CONFIRMED says what the order is; nothing beyond it.
            }
        }
        return Optional.of(model);
    }

    private static List<NoticeLine> cancelledLines(Order order, Map<String, Product> catalog) {
        return order.lines().stream().filter(l -> l.cancelled() > 0)
                .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.cancelled(),
                        l.unitPrice().multiply(BigDecimal.valueOf(l.cancelled())), null)).toList();
    }

    /**
     * The cancellation notice is sent after the compensation ran, so it states what happened to the
     * money instead of promising it: what the sent parcels cost and how to track them, what was released,
     * what was refunded.
     */
    private void putCancellation(Map<String, Object> model, Order order, Map<String, Product> catalog) {
        if (order.partlySent()) {
            // "Your order has been cancelled" read as if the parcels the customer has were taken back too.
            model.put(NoticeRenderer.SUBJECT_KEY, "notice.cancelled.subject-rest");
        }
        model.put("cancelled", cancelledLines(order, catalog));
        model.put("sent", order.lines().stream().filter(l -> l.shipped() > 0)
                .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.shipped(),
                        l.unitPrice().multiply(BigDecimal.valueOf(l.shipped())), null)).toList());
        // A cancellation can overtake a parcel's own notice (its capture waiting on the payment provider
        // interrupts it): the customer would have a parcel on its way and no way to track it.
        List<Shipment> all = shipments.ofOrder(order.id());
        model.put("parcels", all.stream()
                .filter(s -> "DISPATCHED".equals(s.status()) && s.trackingNumber() != null && !s.trackingNumber().isBlank())
                .map(s -> new NoticeShipment(s.carrier(), s.trackingNumber(), List.of(), s.value())).toList());
        Optional<Payment> payment = payments.find(order.id());
        model.put("charged", payment.map(p -> p.captured().subtract(p.refunded())).orElse(BigDecimal.ZERO));
        model.put("released", payment.map(Payment::voided).orElse(BigDecimal.ZERO));
        // A hold that lapsed before the cancellation was not released by it: said apart.
        model.put("holdLapsed", payment.map(Payment::lapsed).orElse(BigDecimal.ZERO));
        // The cancellation charges every parcel that left, except those of an order held for a lapsed
        // authorisation: those stay unpaid, and ops collect them.
        List<String> uncaptured = shipments.dispatchedUncaptured(order.id());
        model.put("unpaid", all.stream().filter(shipment -> uncaptured.contains(shipment.id()))
                .map(Shipment::value).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.put("refunded", payment.map(Payment::refunded).orElse(BigDecimal.ZERO));
    }

    private Optional<NoticeShipment> dispatchedShipment(Order order, String shipmentId, Map<String, Product> catalog) {
        if (shipmentId == null) {
            throw new IllegalArgumentException("A shipment notice for order " + order.id() + " needs the shipment id as reference");
        }
        Shipment shipment = shipments.find(shipmentId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown shipment " + shipmentId));
        if (!"DISPATCHED".equals(shipment.status())) {
            return Optional.empty();
        }
        return Optional.of(new NoticeShipment(shipment.carrier(), shipment.trackingNumber(), shipment.lines().stream()
                .map(l -> new NoticeLine(l.sku(), name(catalog, l.sku()), l.quantity(),
                        l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())), null)).toList(),
                shipment.value()));
    }

    /**
     * A delay notice listed every waiting line as late: a line of another supplier still on its date read as
     * delayed too, and the customer was offered a cancellation on that basis.
     */
    private void putDelay(Map<String, Object> model, Map<String, ?> data, List<NoticeLine> waiting) {
        model.put("newEta", instant(required(data, NoticeData.NEW_ETA, NoticeKind.DELAYED)));
        Object previous = data.get(NoticeData.PREVIOUS_ETA);
        Instant known = previous == null ? null : instant(previous);
        ZoneId knownIn = data.get(NoticeData.PREVIOUS_ETA_TOLD_IN) instanceof ZoneId zone ? zone : null;
        Map<Boolean, List<NoticeLine>> byLateness = waiting.stream().collect(Collectors.partitioningBy(
                line -> known == null || line.eta() == null || delayPolicy.isLater(line.eta(), known, knownIn)));
        List<NoticeLine> late = byLateness.get(true);
        model.put("delayed", late.isEmpty() ? waiting : late);
        model.put("onSchedule", late.isEmpty() ? List.of() : byLateness.get(false));
        model.put("sooner", List.of());
        model.put("perLine", false);
    }

    /**
     * A delay judged per line ({@code PARTIAL}: each line ships as it comes): the lines that moved, each with the date
     * its customer knew and its new one, since the order's latest date may not have moved at all; those that came
     * forward without a notice apart, each with both dates too (they are not "as announced"); the others as still on
     * schedule.
     */
    private void putLineDelay(Map<String, Object> model, Map<String, ?> data, List<Backorder> open,
                              Map<String, Product> catalog) {
        if (!(data.get(NoticeData.PREVIOUS_LINE_ETAS) instanceof Map<?, ?> previous)) {
            throw new IllegalArgumentException(NoticeData.PREVIOUS_LINE_ETAS + " must be a map from line number to ETA");
        }
        Map<?, ?> earlier = data.get(NoticeData.SOONER_LINE_ETAS) instanceof Map<?, ?> given ? given : Map.of();
        model.put("newEta", instant(required(data, NoticeData.NEW_ETA, NoticeKind.DELAYED)));
        List<NoticeLine> delayed = new ArrayList<>();
        List<NoticeLine> sooner = new ArrayList<>();
        List<NoticeLine> onSchedule = new ArrayList<>();
        for (Backorder b : open) {
            Object later = previous.get(b.lineNo());
            Object known = later != null ? later : earlier.get(b.lineNo());
            NoticeLine line = new NoticeLine(b.sku(), name(catalog, b.sku()), b.openQuantity(), null, b.eta(),
                    known == null ? null : instant(known));
            (later != null ? delayed : known != null ? sooner : onSchedule).add(line);
        }
        model.put("delayed", delayed);
        model.put("sooner", sooner);
        model.put("onSchedule", onSchedule);
        model.put("perLine", true);
    }

    private void putDelayOffer(Map<String, Object> model, Order order, Map<String, ?> data) {
        Object consolation = data.get(NoticeData.CONSOLATION);
        if (consolation != null && !(consolation instanceof ConsolationOffer)) {
            throw new IllegalArgumentException(NoticeData.CONSOLATION + " must be a ConsolationOffer, got " + consolation.getClass());
        }
        model.put("consolation", consolation);
        model.put("discountCode", data.get(NoticeData.DISCOUNT_CODE));
        model.put("choices", choices(data.get(NoticeData.CHOICE_LINKS), order.partlySent()));
    }

    private static List<NoticeChoice> choices(Object links, boolean partlySent) {
        if (links == null) {
            return List.of();
        }
        if (!(links instanceof Map<?, ?> byChoice)) {
            throw new IllegalArgumentException(NoticeData.CHOICE_LINKS + " must be a map from choice to URL");
        }
        for (Object choice : byChoice.keySet()) {
            if (!CHOICE_ORDER.contains(String.valueOf(choice))) {
                throw new IllegalArgumentException("Unknown delay choice " + choice + "; expected one of " + CHOICE_ORDER);
            }
        }
        List<NoticeChoice> offered = new ArrayList<>();
        for (String choice : CHOICE_ORDER) {
            Object url = byChoice.get(choice);
            if (url != null) {
                offered.add(new NoticeChoice(choice, url.toString(), partlySent));
            }
        }
        return offered;
    }

    private static Object required(Map<String, ?> data, String name, NoticeKind kind) {
        Object value = data.get(name);
        if (value == null) {
            throw new IllegalArgumentException("A " + kind + " notice needs " + name);
        }
        return value;
    }

    private Instant instant(Object value) {
        if (value instanceof Instant at) {
            return at;
        }
        if (value instanceof OffsetDateTime at) {
            return at.toInstant();
        }
        if (value instanceof ZonedDateTime at) {
            return at.toInstant();
        }
        if (value instanceof Date at) {
            return at.toInstant();
        }
        if (value instanceof LocalDate day) {
            return day.atStartOfDay(settings.timeZone()).toInstant();
        }
        String text = value.toString();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            return LocalDate.parse(text).atStartOfDay(settings.timeZone()).toInstant();
        }
    }

    private static String name(Map<String, Product> catalog, String sku) {
        Product product = catalog.get(sku);
        return product == null ? sku : product.name();
    }
}
