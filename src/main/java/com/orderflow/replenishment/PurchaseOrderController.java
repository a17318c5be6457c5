package com.orderflow.replenishment;

import com.orderflow.api.ListParameters;
import com.orderflow.inventory.ReceiptService;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.Set;
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
    private static final Set<String> LIST_PARAMETERS =
            Set.of("status", "supplierId", "sku", "orderId", "firstResult", "maxResults");

    private final PurchaseOrderService purchaseOrders;
    private final PurchaseOrderClosing closing;
    private final SupplierDates supplierDates;
    private final ReceiptService receipts;

    public PurchaseOrderController(PurchaseOrderService purchaseOrders, PurchaseOrderClosing closing,
                                   SupplierDates supplierDates, ReceiptService receipts) {
        this.purchaseOrders = purchaseOrders;
        this.closing = closing;
        this.supplierDates = supplierDates;
        this.receipts = receipts;
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
        ListParameters given = ListParameters.of(parameters, LIST_PARAMETERS);
        int firstResult = given.count("firstResult", 0, Integer.MAX_VALUE, 0);
        int maxResults = given.count("maxResults", 1, MOST_RESULTS, DEFAULT_RESULTS);
        PurchaseOrderFilter by = new PurchaseOrderFilter(given.choices("status", PurchaseOrderStatus.class),
                given.text("supplierId"), given.text("sku"), given.text("orderId"));
        PurchaseOrderRepository.Page page = purchaseOrders.list(by, firstResult, maxResults);
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total())).body(page.purchaseOrders());
    }

    @GetMapping("/{id}")
    public PurchaseOrderView get(@PathVariable String id) {
        return new PurchaseOrderView(purchaseOrders.find(id), receipts.ofPurchaseOrder(id));
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
    public PurchaseOrder dispatch(@PathVariable String id, @Valid @RequestBody DispatchRequest body, Principal user) {
        return purchaseOrders.dispatchDropShip(id, body.trackingNumber(), user.getName());
    }
}
