package com.orderflow.notification;

import com.orderflow.api.NotFoundException;
import com.orderflow.order.OrderRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}/notices}, for ops: the e-mails written to the customer, oldest first. The
 * timeline's {@code NOTIFIED} says a notice was written; whether and when it reached the mail server, and what it
 * said, support read here rather than in the database. Ops only: a delay notice's text holds the customer's
 * choice link, which acts for them.
 */
@RestController
public class OrderNoticeController {

    private final OrderRepository orders;
    private final NoticeOutbox outbox;

    OrderNoticeController(OrderRepository orders, NoticeOutbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    @GetMapping("/api/orders/{orderId}/notices")
    public List<OrderNotice> notices(@PathVariable String orderId) {
        if (!orders.exists(orderId)) {
            throw new NotFoundException("No order " + orderId);
        }
        return outbox.ofOrder(orderId);
    }
}
