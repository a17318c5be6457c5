package com.orderflow.notification;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether an order's e-mails reached its customer, in words for ops' forms. Ops deciding on a delayed order read
 * "delay notices sent: 3" as three times told, when each had bounced: the customer had heard nothing, and a call,
 * or the address corrected, was what the order needed.
 */
@Component
public class NoticeDelivery {

    private final NoticeOutbox outbox;

    NoticeDelivery(NoticeOutbox outbox) {
        this.outbox = outbox;
    }

    public String inWords(String orderId) {
        List<OrderNotice> notices = outbox.ofOrder(orderId);
        if (notices.isEmpty()) {
            return "none written yet";
        }
        List<OrderNotice> failed = notices.stream().filter(n -> "FAILED".equals(n.status())).toList();
        if (!failed.isEmpty()) {
            return failed.size() + " of " + notices.size() + " not delivered (last: " + failed.get(failed.size() - 1).lastError()
                    + "): correct the address (POST /api/orders/" + orderId + "/customer-email) or reach the customer"
                    + " another way";
        }
        List<OrderNotice> waiting = notices.stream()
                .filter(n -> "PENDING".equals(n.status()) || "SENDING".equals(n.status())).toList();
        List<OrderNotice> refused = waiting.stream().filter(n -> n.lastError() != null).toList();
        if (!refused.isEmpty()) {
            return refused.size() + " of " + notices.size() + " waiting for the mail server (last: "
                    + refused.get(refused.size() - 1).lastError() + ")";
        }
        return waiting.isEmpty() ? "all " + notices.size() + " delivered"
                : (notices.size() - waiting.size()) + " of " + notices.size() + " delivered, " + waiting.size() + " being sent";
    }
}
