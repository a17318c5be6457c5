package com.orderflow.replenishment;

import com.orderflow.api.FieldProblem;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.NotFoundException;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
@RequestMapping("/api/suppliers")
public class SupplierController {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final SupplierRepository suppliers;

    public SupplierController(SupplierRepository suppliers) {
        this.suppliers = suppliers;
    }

    @PutMapping("/{supplierId}")
    @Transactional
    public ResponseEntity<Supplier> put(@PathVariable String supplierId, @Valid @RequestBody SupplierRequest body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!supplierId.matches(ID_PATTERN)) {
            problems.add(new FieldProblem("supplierId", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (body.leadTime().isNegative() || body.leadTime().isZero()) {
            problems.add(new FieldProblem("leadTime", "must be a positive duration"));
        }
        Duration window = body.batchingWindow() == null ? Duration.ZERO : body.batchingWindow();
        if (window.isNegative()) {
            problems.add(new FieldProblem("batchingWindow", "must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Supplier supplier = new Supplier(supplierId, body.name().strip(), body.leadTime(),
                body.minOrderQuantity() == null ? 1 : body.minOrderQuantity(), window,
                Boolean.TRUE.equals(body.dropShip()));
        boolean created = suppliers.save(supplier);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(supplier);
    }

    @GetMapping("/{supplierId}")
    public Supplier get(@PathVariable String supplierId) {
        return suppliers.find(supplierId).orElseThrow(() -> new NotFoundException("No supplier " + supplierId));
    }
}
