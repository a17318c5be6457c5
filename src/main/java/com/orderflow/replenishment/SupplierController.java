package com.orderflow.replenishment;

import com.orderflow.api.FieldProblem;
import com.orderflow.api.IdempotentPut;
import com.orderflow.api.InvalidInputException;
import com.orderflow.api.ListParameters;
import com.orderflow.api.NotFoundException;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/suppliers")
public class SupplierController {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final SupplierRepository suppliers;
    private final SupplierHistory history;
    private final BatchingWindows windows;
    private final TransactionTemplate transaction;

    public SupplierController(SupplierRepository suppliers, SupplierHistory history, BatchingWindows windows,
                              TransactionTemplate transaction) {
        this.suppliers = suppliers;
        this.history = history;
        this.windows = windows;
        this.transaction = transaction;
    }

    @PutMapping("/{supplierId}")
    public ResponseEntity<SupplierView> put(@PathVariable String supplierId, @Valid @RequestBody SupplierRequest body) {
        return IdempotentPut.store(transaction, () -> store(supplierId, body));
    }

    private ResponseEntity<SupplierView> store(String supplierId, SupplierRequest body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!supplierId.matches(ID_PATTERN)) {
            problems.add(new FieldProblem("supplierId", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (body.leadTime().isNegative() || body.leadTime().isZero()) {
            problems.add(new FieldProblem("leadTime", "must be a positive duration"));
        }
        // Fields left out keep what the supplier has; a rename turned a drop-ship supplier into a warehouse one.
        Optional<Supplier> stored = suppliers.find(supplierId);
        Duration window = body.batchingWindow() != null ? body.batchingWindow()
                : stored.map(Supplier::batchingWindow).orElse(Duration.ZERO);
        if (window.isNegative()) {
            problems.add(new FieldProblem("batchingWindow", "must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int minOrderQuantity = body.minOrderQuantity() != null ? body.minOrderQuantity()
                : stored.map(Supplier::minOrderQuantity).orElse(1);
        boolean dropShip = body.dropShip() != null ? body.dropShip() : stored.map(Supplier::dropShip).orElse(false);
        Supplier supplier = new Supplier(supplierId, body.name().strip(), body.leadTime(), minOrderQuantity, window, dropShip);
        boolean created = suppliers.save(supplier);
        if (stored.isPresent() && window.compareTo(stored.get().batchingWindow()) < 0) {
            windows.shorten(supplierId, window);
        }
        if (stored.isPresent() && minOrderQuantity < stored.get().minOrderQuantity()) {
            windows.minimumLowered(supplierId, minOrderQuantity);
        }
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view(supplier));
    }

    /**
     * Every supplier with what its history taught: a purchaser reviewing who delivers late read it nowhere but in
     * the reorder points, product by product.
     */
    @GetMapping
    public List<SupplierView> list(@RequestParam MultiValueMap<String, String> parameters) {
        // A filter this list does not take (?dropShip=true) answered with every supplier, as if it had been applied.
        ListParameters.of(parameters, Set.of());
        return suppliers.findAll().stream().map(this::view).toList();
    }

    @GetMapping("/{supplierId}")
    public SupplierView get(@PathVariable String supplierId) {
        return view(suppliers.find(supplierId).orElseThrow(() -> new NotFoundException("No supplier " + supplierId)));
    }

    private SupplierView view(Supplier supplier) {
        // To the minute: the median of deliveries timed to the second read "10 days early" as -239H-59M-51S.
        return new SupplierView(supplier, history.typicalLateness(supplier.id())
                .map(lateness -> Duration.ofMinutes(Math.round(lateness.toSeconds() / 60.0))).orElse(null),
                history.deliveries(supplier.id()));
    }
}
