package com.orderflow.replenishment;

import com.orderflow.escalation.FormText;
import com.orderflow.notification.ShopTime;
import com.orderflow.inventory.Product;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.process.ReplenishmentProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * What ops need on the phone to a supplier, as the variables the form {@code chaseSupplier} shows: the
 * supplier, the purchase order's lines and dates, and the customer orders waiting for it. Runs as each
 * "Chase supplier" task is created, so a later round shows the purchase order as it is then.
 */
@Component
public class ChaseSupplierSummary implements TaskListener {

    /** Orders named on the form; the rest are counted. */
    static final int ORDERS_SHOWN = 20;

    private final PurchaseOrderRepository purchaseOrders;
    private final SupplierRepository suppliers;
    private final ProductRepository products;
    private final ShopTime time;

    public ChaseSupplierSummary(PurchaseOrderRepository purchaseOrders, SupplierRepository suppliers,
                                ProductRepository products, ShopTime time) {
        this.purchaseOrders = purchaseOrders;
        this.suppliers = suppliers;
        this.products = products;
        this.time = time;
    }

    @Override
    public void notify(DelegateTask task) {
        String id = (String) task.getVariable(ReplenishmentProcess.VAR_PURCHASE_ORDER_ID);
        PurchaseOrder purchaseOrder = purchaseOrders.find(id).orElseThrow();
        Supplier supplier = suppliers.find(purchaseOrder.supplierId()).orElseThrow();
        Map<String, Product> catalog = products.findAll(purchaseOrder.lines().stream().map(PurchaseOrderLine::sku).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("supplier", supplier.name() + " (" + supplier.id() + ")");
        summary.put("supplierReference", purchaseOrder.supplierReference() == null ? "none" : purchaseOrder.supplierReference());
        summary.put("placedAt", time.show(purchaseOrder.placedAt()));
        summary.put("expectedBy", time.show(purchaseOrder.eta()) + (purchaseOrder.etaBasis() == null ? ""
                : " (" + purchaseOrder.etaBasis().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
        // What to quote on the phone: "expected by" may be our learned estimate, later than the supplier's terms.
        summary.put("promisedBy", purchaseOrder.leadTimeEta() == null ? "unknown (placed before it was kept)"
                : time.show(purchaseOrder.leadTimeEta()) + " (their lead time from placement)");
        summary.put("orderedLines", FormText.join(purchaseOrder.lines().stream()
                .map(line -> line.quantity() + " × " + FormText.product(line.sku(), catalog)
                        + (line.received() > 0 ? ", " + line.received() + " received" : ""))
                .toList(), "\n", "GET /api/purchase-orders/" + id));
        summary.put("waitingOrders", waitingOrders(id));
        task.setVariablesLocal(summary);
    }

    private String waitingOrders(String id) {
        List<String> orders = purchaseOrders.waitingOrders(id);
        if (orders.isEmpty()) {
            return "none (the goods go to stock)";
        }
        List<String> shown = orders.stream().limit(ORDERS_SHOWN).toList();
        String more = orders.size() > shown.size() ? " and " + (orders.size() - shown.size()) + " more" : "";
        return orders.size() + (orders.size() == 1 ? " order: " : " orders: ") + String.join(", ", shown) + more;
    }

}
