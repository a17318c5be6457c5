package com.orderflow.order;

import com.orderflow.payment.SettlementOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as the API shows it. {@code etaDay}: the day of {@code eta} in the shop's time zone
 * (orderflow.notification.time-zone), the day the customer's e-mails name. {@code nextParcelAt}: set while a
 * {@code PARTIAL} order's parcel collects the units receipts give it (orderflow.shipping.parcel-collection): when
 * it leaves, unless the order's last awaited unit comes first. {@code toldEtaDay}: while units are backordered, the
 * day the customer's e-mails last named for the last of them (the first promise, or the latest date a delay or
 * parcel notice gave), which {@code etaDay} leaves behind when the date moves earlier or within the silent delay.
 * {@code parcels}: packed or dispatched, oldest first.
 */
public record OrderView(String orderId, OrderStatus status, String rejectReason, Customer customer,
                        ShipPolicy shipPolicy, int priority, String currency, BigDecimal total, List<Line> lines,
                        Instant eta, LocalDate etaDay, String etaBasis, LocalDate toldEtaDay, Instant nextParcelAt,
                        PaymentView payment, List<Parcel> parcels, Consolation consolation, Instant createdAt,
                        Instant updatedAt) {

    /**
     * {@code eta} (and {@code etaDay}, its day in the shop's time zone) is set while units of the line are
     * backordered. {@code toldEtaDay}: for a {@code PARTIAL} order, whose lines ship each as it comes and whose delays
     * are judged per line, the day the customer's e-mails last named for this line; null for a {@code COMPLETE} one
     * (its customer waits for the order's {@code toldEtaDay}). {@code refused}: the order was rejected because of
     * this line (its product takes no backorders and too few were in stock).
     */
    public record Line(String sku, int quantity, BigDecimal unitPrice, int reserved, int backordered, int shipped,
                       int cancelled, Instant eta, LocalDate etaDay, String etaBasis, LocalDate toldEtaDay,
                       boolean refused) {
    }

    /**
     * A parcel: {@code PACKED} (in the warehouse, not handed to the carrier yet) or {@code DISPATCHED}; its
     * {@code fulfilment} {@code WAREHOUSE} or {@code DROP_SHIP} (the supplier sent it, {@code carrier} names them);
     * {@code charged}: what was captured for it, less than {@code value} while its capture is under way and for a
     * parcel left unpaid (see {@code payment.unpaid}).
     */
    public record Parcel(String shipmentId, String status, String fulfilment, String carrier, String trackingNumber,
                         Instant dispatchedAt, BigDecimal value, BigDecimal charged, List<ParcelLine> lines) {
    }

    public record ParcelLine(String sku, int quantity) {
    }

    /**
     * {@code heldSince} and {@code authorizationLapsedAt} are set while the order is held because its authorisation
     * could not be renewed: held from the refusal, the renewal margin before the authorisation lapses (or lapsed).
     * {@code lapsed}: what of the authorisation lapsed unused (cancelled after the hold had ended; {@code voided} is
     * what was released). {@code unpaid}: the value of parcels that left while it was held and could not be charged
     * (it was cancelled before it was authorised again), which ops collect; {@code unpaidSettledAt} once they have,
     * {@code unpaidSettledAs} {@code COLLECTED} or {@code WRITTEN_OFF} with the books' {@code unpaidSettlementReference}.
     */
    public record PaymentView(String status, BigDecimal authorized, BigDecimal captured, BigDecimal refunded,
                              BigDecimal voided, BigDecimal lapsed, BigDecimal unpaid, Instant unpaidSettledAt,
                              SettlementOutcome unpaidSettledAs, String unpaidSettlementReference,
                              Instant heldSince, Instant authorizationLapsedAt) {
    }

    /**
     * The payment status of an order without a payment row: still to be authorised, or closed before it was, and
     * then it never will be (PENDING would tell the merchant that money is still to come).
     */
    public static String paymentStatusWithoutPayment(OrderStatus status) {
        return status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED ? "NONE" : "PENDING";
    }
}
