package com.orderflow.inventory;

import com.orderflow.api.IdempotentPut;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import com.orderflow.replenishment.SupplierRepository;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
public class ProductController {

    static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final ProductRepository products;
    private final SupplierRepository suppliers;
    private final TransactionTemplate transaction;

    public ProductController(ProductRepository products, SupplierRepository suppliers, TransactionTemplate transaction) {
        this.products = products;
        this.suppliers = suppliers;
        this.transaction = transaction;
    }

    @PutMapping("/{sku}")
    public ResponseEntity<Product> put(@PathVariable String sku, @Valid @RequestBody ProductRequest body) {
        return IdempotentPut.store(transaction, () -> store(sku, body));
    }

    private ResponseEntity<Product> store(String sku, ProductRequest body) {
        if (!sku.matches(SKU_PATTERN)) {
            throw new InvalidInputException("sku", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!suppliers.exists(body.supplierId())) {
            throw new InvalidInputException("supplierId", "names no known supplier");
        }
        // A field left out keeps what the product has: the spec's product has no currency, and a script
        // renaming a yen product turned it into euros at the same number.
        Optional<Product> stored = products.find(sku);
        String currency = body.currency() != null ? body.currency() : stored.map(Product::currency).orElse("EUR");
        requirePayable(body.price(), currency);
        BackorderPolicy policy = body.backorderPolicy() != null ? body.backorderPolicy()
                : stored.map(Product::backorderPolicy).orElse(BackorderPolicy.ALLOW);
        // As kept (NUMERIC(12, 2)) and read back: "1e2" answered 1E+2.
        BigDecimal price = body.price().setScale(2, RoundingMode.UNNECESSARY);
        Product product = new Product(sku, body.name().strip(), price, currency, body.supplierId(), policy);
        boolean created = products.save(product);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(product);
    }

    /**
     * A price the payment provider can charge and a notice can print: a currency {@link Currency} knows
     * (three capital letters alone took "QQQ", whose orders then failed at their first notice, after the
     * provider had moved money), that is money (not gold or a test code, which have no minor units), and
     * no finer than its minor units (no yen with cents).
     */
    private static void requirePayable(BigDecimal price, String currency) {
        Currency known = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getCurrencyCode().equals(currency)).findFirst()
                .orElseThrow(() -> new InvalidInputException("currency", "must be an ISO 4217 code such as EUR"));
        int minorUnits = known.getDefaultFractionDigits();
        if (minorUnits < 0) {
            throw new InvalidInputException("currency", currency + " is not a currency prices are paid in");
        }
        if (price.stripTrailingZeros().scale() > minorUnits) {
            throw new InvalidInputException("price", "has more decimal places than " + currency + " has (" + minorUnits + ")");
        }
    }

    @GetMapping("/{sku}")
    public Product get(@PathVariable String sku) {
        return products.find(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
    }
}
