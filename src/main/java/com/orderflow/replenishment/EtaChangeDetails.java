package com.orderflow.replenishment;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.Eta;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a timeline's {@code ETA_CHANGED} entry says about one backorder, wherever its ETA moved. */
final class EtaChangeDetails {

    private EtaChangeDetails() {
    }

    static Map<String, Object> of(Backorder backorder, String purchaseOrderId, Eta eta, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sku", backorder.sku());
        details.put("purchaseOrderId", purchaseOrderId);
        details.put("previousEta", String.valueOf(backorder.eta()));
        details.put("eta", eta.at().toString());
        details.put("etaBasis", eta.basis().name());
        details.put("reason", reason);
        return details;
    }
}
