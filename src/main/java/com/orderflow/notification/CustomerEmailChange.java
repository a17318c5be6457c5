package com.orderflow.notification;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.order.Customer;
import com.orderflow.order.CustomerContactChanged;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer whose e-mails bounced (a mistyped address) or never came: support corrects the address on the open
 * order. Notices still waiting go to the new address, and those given up are sent again to it, from their first
 * attempt; later notices are written to it, and open ops tasks name it. The same address again only sends again
 * what was given up (a full mailbox). A finished order sends nothing more, so its address is not changed (erasure
 * is for that).
 */
@Service
public class CustomerEmailChange {

    private final OrderRepository orders;
    private final NoticeOutbox outbox;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    CustomerEmailChange(OrderRepository orders, NoticeOutbox outbox, Timeline timeline, ApplicationEventPublisher events) {
        this.orders = orders;
        this.outbox = outbox;
        this.timeline = timeline;
        this.events = events;
    }

    /** What changed: notices now waiting for the new address, and of those how many had been given up. */
    public record Readdressed(String orderId, int waitingNotices, int resentNotices) {
    }

    @Transactional
    public Readdressed change(String orderId, String email, String by) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (order.isFinished()) {
            throw new ConflictException("Order " + orderId + " is " + order.status() + ": no more e-mails go to its customer");
        }
        orders.changeEmail(orderId, email);
        NoticeOutbox.ReaddressedNotices notices = outbox.readdress(orderId, email);
        timeline.record(orderId, TimelineType.EMAIL_CHANGED,
                Map.of("by", by, "waitingNotices", notices.waiting(), "resentNotices", notices.resent()), null);
        Customer customer = order.customer();
        events.publishEvent(new CustomerContactChanged(orderId, new Customer(customer.name(), email, customer.locale())));
        return new Readdressed(orderId, notices.waiting(), notices.resent());
    }
}
