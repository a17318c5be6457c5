package com.orderflow.replenishment;

import com.orderflow.api.CountParameter;
import com.orderflow.api.InvalidInputException;
import jakarta.validation.Valid;
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
            List.of("status", "supplierId", "sku", "orderId", "firstResult", "maxResults"));

    private final PurchaseOrderService purchaseOrders;
    private final PurchaseOrderClosing closing;
    private final SupplierDates supplierDates;

    public PurchaseOrderController(PurchaseOrderService purchaseOrders, PurchaseOrderClosing closing,
                                   SupplierDates supplierDates) {
        this.purchaseOrders = purchaseOrders;
        this.closing = closing;
        this.supplierDates = supplierDates;
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
        PurchaseOrderFilter by = new PurchaseOrderFilter(status == null ? null : status(status), supplierId,
                blankAsNull(parameters.getFirst("sku")), blankAsNull(parameters.getFirst("orderId")));
        PurchaseOrderRepository.Page page = purchaseOrders.list(by, firstResult, maxResults);
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
        return purchaseOrders.confirm(id, supplierDates.promised("eta", body.eta()));
    }

    @PostMapping("/{id}/delay")
    @Transactional
    public PurchaseOrder delay(@PathVariable String id, @Valid @RequestBody DelayRequest body) {
        return purchaseOrders.delay(id, supplierDates.promised("newEta", body.newEta()), body.reason().strip());
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

    private static PurchaseOrderStatus status(String value) {
        try {
            return PurchaseOrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "must be one of " + Arrays.toString(PurchaseOrderStatus.values()));
        }
    }
}
