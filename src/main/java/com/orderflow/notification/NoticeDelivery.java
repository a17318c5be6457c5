package com.orderflow.notification;

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
        NoticeOutbox.Delivery delivery = outbox.deliveryOf(orderId);
        int notices = delivery.notices();
        if (notices == 0) {
            return "none written yet";
        }
        if (delivery.failed() > 0) {
            return delivery.failed() + " of " + notices + " not delivered (last: " + delivery.lastFailure()
                    + "): correct the address (POST /api/orders/" + orderId + "/customer-email) or reach the customer"
                    + " another way";
        }
        if (delivery.refused() > 0) {
            return delivery.refused() + " of " + notices + " waiting for the mail server (last: "
                    + delivery.lastRefusal() + ")";
        }
        int waiting = delivery.waiting();
        return waiting == 0 ? "all " + notices + " delivered"
                : (notices - waiting) + " of " + notices + " delivered, " + waiting + " being sent";
    }
}
