package com.orderflow.replenishment;

import com.orderflow.api.CountParameter;
import com.orderflow.api.DateParameter;
import com.orderflow.api.InvalidInputException;
import com.orderflow.escalation.ShopTime;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/purchase-orders")
public class PurchaseOrderController {

    static final int DEFAULT_RESULTS = 100;
    static final int MOST_RESULTS = 1000;
    private static final Set<String> LIST_PARAMETERS = new TreeSet<>(
            List.of("status", "supplierId", "firstResult", "maxResults"));

    private final PurchaseOrderService purchaseOrders;
    private final PurchaseOrderClosing closing;
    private final Clock clock;
    private final ShopTime time;

    public PurchaseOrderController(PurchaseOrderService purchaseOrders, PurchaseOrderClosing closing, Clock clock,
                                   ShopTime time) {
        this.purchaseOrders = purchaseOrders;
        this.closing = closing;
        this.clock = clock;
        this.time = time;
    }

    /**
     * One page of purchase orders, oldest first ({@code firstResult}, {@code maxResults} up to
     * {@value #MOST_RESULTS}, {@value #DEFAULT_RESULTS} when not given), by {@code status} and
     * {@code supplierId}; {@code X-Total-Count} says how many match in all. The list grows by one a
     * drop-ship order, so it is never sent whole. A parameter it does not take is refused, naming it: a
     * misspelt filter ({@code state=PLACED}) answered with every purchase order there is.
     */
    @GetMapping
    public ResponseEntity<List<PurchaseOrder>> list(@RequestParam MultiValueMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!LIST_PARAMETERS.contains(parameter.getKey())) {
                throw new InvalidInputException(parameter.getKey(), "is not a parameter of this list; it takes " + LIST_PARAMETERS);
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidInputException(parameter.getKey(), "is given more than once");
            }
        }
        String status = blankAsNull(parameters.getFirst("status"));
        String supplierId = blankAsNull(parameters.getFirst("supplierId"));
        int firstResult = number(parameters.getFirst("firstResult"), "firstResult", 0, Integer.MAX_VALUE, 0);
        int maxResults = number(parameters.getFirst("maxResults"), "maxResults", 1, MOST_RESULTS, DEFAULT_RESULTS);
        PurchaseOrderRepository.Page page = purchaseOrders.list(status == null ? null : status(status), supplierId,
                firstResult, maxResults);
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total())).body(page.purchaseOrders());
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int number(String value, String field, int least, int most, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        OptionalInt number = CountParameter.read(value.strip());
        if (number.isPresent() && number.getAsInt() >= least && number.getAsInt() <= most) {
            return number.getAsInt();
        }
        throw new InvalidInputException(field, "must be a whole number from " + least + " to " + most);
    }

    @GetMapping("/{id}")
    public PurchaseOrder get(@PathVariable String id) {
        return purchaseOrders.find(id);
    }

    @PostMapping("/{id}/confirmation")
    @Transactional
    public PurchaseOrder confirm(@PathVariable String id, @Valid @RequestBody ConfirmationRequest body) {
        return purchaseOrders.confirm(id, promisedDate("eta", body.eta()));
    }

    @PostMapping("/{id}/delay")
    @Transactional
    public PurchaseOrder delay(@PathVariable String id, @Valid @RequestBody DelayRequest body) {
        return purchaseOrders.delay(id, promisedDate("newEta", body.newEta()), body.reason().strip());
    }

    /** The supplier will not deliver the rest: the purchase order closes and its orders are planned again. */
    @PostMapping("/{id}/close")
    public PurchaseOrder close(@PathVariable String id, @Valid @RequestBody CloseRequest body) {
        return closing.close(id, body.reason().strip());
    }

    @PostMapping("/{id}/dispatch")
    @Transactional
    public PurchaseOrder dispatch(@PathVariable String id, @Valid @RequestBody DispatchRequest body) {
        return purchaseOrders.dispatchDropShip(id, body.trackingNumber());
    }

    /**
     * A supplier's date becomes every covered order's ETA, the customer's notice and the overdue
     * timer, so a typo years away would be promised to customers as it stands. A day already past is no
     * promise either: it became the purchase order's first promise for good and counted weeks of lateness
     * against the supplier's learned lead time. An earlier hour of today is no promise either: the ETA
     * passed at once, and the overdue timer moved every covered order's ETA again and again. Today as a
     * plain date is the supplier's word that the goods come today: it stands until the day ends.
     */
    private Instant promisedDate(String field, String value) {
        Instant date = DateParameter.parse(field, value);
        Instant now = clock.instant();
        if (date.isAfter(now.plus(Supplier.LONGEST_PROMISE))) {
            throw new InvalidInputException(field, "must lie within " + Supplier.LONGEST_PROMISE.toDays()
                    + " days of today");
        }
        if (date.isBefore(now.truncatedTo(ChronoUnit.DAYS))) {
            throw new InvalidInputException(field, "must not lie before today");
        }
        if (date.isBefore(now)) {
            if (value.contains("T")) {
                throw new InvalidInputException(field, "must not lie in the past");
            }
            return lastMinuteOf(LocalDate.parse(value), now);
        }
        if (!value.contains("T")) {
            // A later day as customers read it: its start in the shop's zone, where their notices print it. Its
            // start in UTC is the evening before west of UTC, and customers there were promised the goods a day
            // before the supplier's date.
            Instant start = time.parse(value).orElseThrow();
            return start.isAfter(now) ? start : lastMinuteOf(LocalDate.parse(value), now);
        }
        return date;
    }

    /**
     * Today's last minute as customers read it: their notices show days in the shop's zone, where
     * tomorrow's midnight in UTC (what this once returned) is already tomorrow east of UTC, so a supplier's
     * "today" reached Berlin customers as "tomorrow". Late in the UTC day, when the shop's day has already
     * ended, the UTC day's last minute is the only part of "today" still ahead.
     */
    private Instant lastMinuteOf(LocalDate day, Instant now) {
        Instant inUtc = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MINUTES);
        Instant inShop = time.lastMinuteOf(day);
        Instant earlier = inShop.isBefore(inUtc) ? inShop : inUtc;
        return earlier.isAfter(now) ? earlier : inUtc;
    }

    private static PurchaseOrderStatus status(String value) {
        try {
            return PurchaseOrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of " + Arrays.toString(PurchaseOrderStatus.values()));
        }
    }
}
