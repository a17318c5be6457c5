package com.orderflow.inventory;

import com.orderflow.api.ConflictException;
import com.orderflow.api.InvalidInputException;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory")
public class InventoryController {

    private final StockRepository stock;

    public InventoryController(StockRepository stock) {
        this.stock = stock;
    }

    /** Sets on-hand stock after a count. Units promised to orders cannot be counted away silently. */
    @PutMapping("/{sku}")
    @Transactional
    public Stock count(@PathVariable String sku, @Valid @RequestBody StockCountRequest body) {
        List<Stock> locked = stock.lock(List.of(sku));
        if (locked.isEmpty()) {
            throw new InvalidInputException("sku", "names no known product");
        }
        Stock current = locked.get(0);
        if (body.onHand() < current.reserved()) {
            throw new ConflictException("onHand " + body.onHand() + " is below the " + current.reserved()
                    + " units reserved for orders of " + sku);
        }
        stock.setOnHand(sku, body.onHand());
        return new Stock(sku, body.onHand(), current.reserved());
    }

    @GetMapping("/{sku}")
    public Stock get(@PathVariable String sku) {
        return stock.find(sku).orElseThrow(() -> new InvalidInputException("sku", "names no known product"));
    }
}
