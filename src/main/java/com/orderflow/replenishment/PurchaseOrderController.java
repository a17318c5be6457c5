package com.orderflow.replenishment;

import com.orderflow.api.DateParameter;
import com.orderflow.api.InvalidInputException;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
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

    private final PurchaseOrderService purchaseOrders;

    public PurchaseOrderController(PurchaseOrderService purchaseOrders) {
        this.purchaseOrders = purchaseOrders;
    }

    @GetMapping
    public List<PurchaseOrder> list(@RequestParam(required = false) String status) {
        return purchaseOrders.list(status == null || status.isBlank() ? null : status(status));
    }

    @GetMapping("/{id}")
    public PurchaseOrder get(@PathVariable String id) {
        return purchaseOrders.find(id);
    }

    @PostMapping("/{id}/confirmation")
    @Transactional
    public PurchaseOrder confirm(@PathVariable String id, @Valid @RequestBody ConfirmationRequest body) {
        return purchaseOrders.confirm(id, DateParameter.parse("eta", body.eta()));
    }

    @PostMapping("/{id}/delay")
    @Transactional
    public PurchaseOrder delay(@PathVariable String id, @Valid @RequestBody DelayRequest body) {
        return purchaseOrders.delay(id, DateParameter.parse("newEta", body.newEta()), body.reason().strip());
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
