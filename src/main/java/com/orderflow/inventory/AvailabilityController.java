package com.orderflow.inventory;

import com.orderflow.api.InvalidInputException;
import com.orderflow.api.ListParameters;
import com.orderflow.api.NotFoundException;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaEstimator;
import com.orderflow.notification.ShopTime;
import com.orderflow.replenishment.PurchaseOrderRepository;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AvailabilityController {

    /** A cart's worth: the largest order takes 200 lines, a product page or cart shows far fewer. */
    static final int MAX_SKUS = 100;

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

    /**
     * A cart's products in one call, {@code ?skus=A,B,C}, answered in the order asked: a cart page asked once per
     * product.
     */
    @GetMapping("/api/availability")
    public List<Availability> availabilities(@RequestParam MultiValueMap<String, String> parameters) {
        String skus = ListParameters.of(parameters, Set.of("skus")).text("skus");
        if (skus == null) {
            throw new InvalidInputException("skus", "must name the products, separated by commas");
        }
        // Each asked is answered, a repeated one too: a client reads the answers by position.
        List<String> asked = Arrays.stream(skus.split(",", -1)).map(String::strip).toList();
        if (asked.size() > MAX_SKUS) {
            throw new InvalidInputException("skus", "must name at most " + MAX_SKUS + " products");
        }
        for (String sku : asked) {
            if (!sku.matches(ProductController.SKU_PATTERN)) {
                throw new InvalidInputException("skus", "must be SKUs (letters, digits, '.', '_', '-') separated by commas");
            }
        }
        return asked.stream().map(this::availability).toList();
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
