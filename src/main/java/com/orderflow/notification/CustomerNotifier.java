package com.orderflow.notification;

import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Tells the customer about their order. Each notice is recorded once per order, kind and reference. */
@Service
public class CustomerNotifier {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifier.class);

    private final OrderRepository orders;
    private final Timeline timeline;

    public CustomerNotifier(OrderRepository orders, Timeline timeline) {
        this.orders = orders;
        this.timeline = timeline;
    }

    public void notify(String orderId, NoticeKind kind, String reference) {
        Order order = orders.find(orderId).orElseThrow();
        String key = "notice:" + orderId + ":" + kind + (reference == null ? "" : ":" + reference);
        timeline.record(orderId, TimelineType.NOTIFIED, Map.of("kind", kind.name()), key);
        log.info("Notice {} for order {} to customer in locale {}", kind, orderId, order.customer().locale());
    }
}
