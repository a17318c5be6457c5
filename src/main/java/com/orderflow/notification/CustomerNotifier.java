package com.orderflow.notification;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Tells the customer about their order. Each notice is recorded once per order, kind and reference. */
@Service
public class CustomerNotifier {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final Timeline timeline;

    public CustomerNotifier(OrderRepository orders, BackorderRepository backorders, Timeline timeline) {
        this.orders = orders;
        this.backorders = backorders;
        this.timeline = timeline;
    }

    public void notify(String orderId, NoticeKind kind, String reference) {
        Order order = orders.find(orderId).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.name());
        if (reference != null) {
            details.put("reference", reference);
        }
        if (kind == NoticeKind.BACKORDERED) {
            List<Backorder> open = backorders.ofOrder(orderId).stream().filter(b -> "OPEN".equals(b.status())).toList();
            details.put("lines", open.stream().map(b -> Map.of("sku", b.sku(), "quantity", b.openQuantity(),
                    "eta", b.eta().toString())).toList());
            open.stream().map(Backorder::eta).max(Instant::compareTo).ifPresent(eta -> details.put("eta", eta.toString()));
        }
        String key = "notice:" + orderId + ":" + kind + (reference == null ? "" : ":" + reference);
        timeline.record(orderId, TimelineType.NOTIFIED, details, key);
        log.info("Notice {} for order {} to customer in locale {}", kind, orderId, order.customer().locale());
    }
}
