package com.orderflow.inventory;

import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaEstimator;
import com.orderflow.notification.ShopTime;
import com.orderflow.replenishment.PurchaseOrderRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AvailabilityController {

    private final StockRepository stock;
    private final ProductRepository products;
    private final BackorderRepository backorders;
    private final EtaEstimator etas;
    private final PurchaseOrderRepository purchaseOrders;
    private final ShopTime shopTime;

    public AvailabilityController(StockRepository stock, ProductRepository products, BackorderRepository backorders,
                                  EtaEstimator etas, PurchaseOrderRepository purchaseOrders, ShopTime shopTime) {
        this.stock = stock;
        this.products = products;
        this.backorders = backorders;
        this.etas = etas;
        this.purchaseOrders = purchaseOrders;
        this.shopTime = shopTime;
    }

    /** The restock date is the ETA an order placed now would be promised for this product. */
    @GetMapping("/api/products/{sku}/availability")
    public Availability availability(@PathVariable String sku) {
        Product product = products.find(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
        Stock current = stock.find(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
        int available = Math.max(0, current.available());
        Eta restock = available > 0 ? null : etas.preview(sku);
        PurchaseOrderRepository.Incoming incoming = purchaseOrders.incoming(sku);
        return new Availability(sku, current.onHand(), available, current.reserved(), backorders.openUnits(sku),
                incoming.inbound(), incoming.collecting(),
                restock == null ? null : restock.at(),
                restock == null ? null : shopTime.day(restock.at()),
                restock == null ? null : restock.basis().name(),
                product.backorderPolicy(), product.price(), product.currency());
    }
}
