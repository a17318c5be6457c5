package com.orderflow.inventory;

import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import com.orderflow.replenishment.SupplierRepository;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
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

    public ProductController(ProductRepository products, SupplierRepository suppliers) {
        this.products = products;
        this.suppliers = suppliers;
    }

    @PutMapping("/{sku}")
    @Transactional
    public ResponseEntity<Product> put(@PathVariable String sku, @Valid @RequestBody ProductRequest body) {
        if (!sku.matches(SKU_PATTERN)) {
            throw new InvalidInputException("sku", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!suppliers.exists(body.supplierId())) {
            throw new InvalidInputException("supplierId", "names no known supplier");
        }
        Product product = new Product(sku, body.name().strip(), body.price(),
                body.currency() == null ? "EUR" : body.currency(), body.supplierId(),
                body.backorderPolicy() == null ? BackorderPolicy.ALLOW : body.backorderPolicy());
        boolean created = products.save(product);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(product);
    }

    @GetMapping("/{sku}")
    public Product get(@PathVariable String sku) {
        return products.find(sku).orElseThrow(() -> new NotFoundException("No product " + sku));
    }
}
