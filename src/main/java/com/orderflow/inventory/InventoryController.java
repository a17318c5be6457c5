package com.orderflow.inventory;

import com.orderflow.api.ConflictException;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory")
public class InventoryController {

    private final StockRepository stock;
    private final ReceiptService receipts;

    public InventoryController(StockRepository stock, ReceiptService receipts) {
        this.stock = stock;
        this.receipts = receipts;
    }

    /** Goods received; waiting backorders get them first. A receipt sent again under its reference: 200. */
    @PostMapping("/receipts")
    public ResponseEntity<ReceiptResult> receive(@Valid @RequestBody ReceiptRequest body, Principal user) {
        ReceiptService.Booking booking = receipts.receive(body, user.getName());
        // No Location: a receipt is not read back on its own (its effects are, on the product's availability).
        return ResponseEntity.status(booking.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(booking.result());
    }

    /** A receipt booked without its purchase order, booked on it now (see {@link ReceiptService#bookOnPurchaseOrder}). */
    @PostMapping("/receipts/{receiptId}/purchase-order")
    public ReceiptResult bookOnPurchaseOrder(@PathVariable String receiptId, @Valid @RequestBody ReceiptBookingRequest body) {
        return receipts.bookOnPurchaseOrder(receiptId, body.purchaseOrderId());
    }

    /**
     * Sets on-hand stock after a count. Units found beyond the books go to waiting backorders
     * first, like a receipt; units promised to orders cannot be counted away silently; units lost
     * are recorded with who counted them.
     */
    @PutMapping("/{sku}")
    @Transactional
    public Stock count(@PathVariable String sku, @Valid @RequestBody StockCountRequest body, Principal counter) {
        List<Stock> locked = stock.lock(List.of(sku));
        if (locked.isEmpty()) {
            throw new InvalidInputException("sku", "names no known product");
        }
        Stock current = locked.get(0);
        if (body.onHand() < current.reserved()) {
            throw new ConflictException("onHand " + body.onHand() + " is below the " + current.reserved()
                    + " units reserved for orders of " + sku);
        }
        int found = body.onHand() - current.onHand();
        if (found > 0) {
            receipts.receive(sku, found, null, ReceiptSource.STOCK_COUNT, counter == null ? null : counter.getName());
        } else if (found < 0) {
            stock.setOnHand(sku, body.onHand());
            stock.recordLoss(sku, current.onHand(), body.onHand(), counter == null ? null : counter.getName());
        }
        return stock.find(sku).orElseThrow();
    }

    @GetMapping("/{sku}")
    public Stock get(@PathVariable String sku) {
        return stock.find(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
    }
}
