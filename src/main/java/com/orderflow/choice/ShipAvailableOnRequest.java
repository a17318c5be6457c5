package com.orderflow.choice;

import com.orderflow.api.ConflictException;
import com.orderflow.api.NotFoundException;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer asked the shop or support, not through a notice's link, to ship what is ready now and give up the
 * rest: taken as that link's choice would be, once per order, and refused with {@code 409} saying why where the
 * link's page would be.
 */
@Service
public class ShipAvailableOnRequest {

    /** The notice number a choice asked through the API is kept under: no notice's link, and once per order. */
    static final int ASKED_WITHOUT_A_LINK = 0;

    private final OrderRepository orders;
    private final ChoiceRecorder recorder;

    ShipAvailableOnRequest(OrderRepository orders, ChoiceRecorder recorder) {
        this.orders = orders;
        this.recorder = recorder;
    }

    @Transactional
    public void shipAvailable(String orderId, String by) {
        Order order = orders.lock(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        try {
            recorder.requireOpen(order);
            ChoiceRecorder.requireShippable(order, null);
            recorder.record(order, ASKED_WITHOUT_A_LINK, CustomerChoice.SHIP_AVAILABLE,
                    Map.of("choice", CustomerChoice.SHIP_AVAILABLE.name(), "askedThrough", "API", "by", by), null);
        } catch (ChoiceRefusedException refused) {
            throw new ConflictException(whyNot(orderId, refused.reason()));
        }
    }

    /** The API's words for a refusal the choice page puts in the customer's. */
    private static String whyNot(String orderId, String reason) {
        return switch (reason) {
            case "cancelled" -> "Order " + orderId + " is cancelled: nothing is left to ship";
            case "completed" -> "Order " + orderId + " is complete: nothing is left to ship";
            case "nothing-waiting" -> "Nothing of order " + orderId + " waits for stock any more: it ships as it is";
            case "nothing-to-ship" -> "Nothing of order " + orderId + " is in stock yet: there is nothing to ship now";
            case "payment-held" -> "Order " + orderId + " is held: its payment authorisation could not be renewed, and"
                    + " nothing ships until it is authorised again (task \"Resolve lapsed authorisation\")";
            case "rest-cancelled", "rest-cancelled-by-shop", "used" ->
                    "The rest of order " + orderId + " was given up already: what was ready ships";
            default -> "Order " + orderId + " is busy: try again in a moment";
        };
    }
}
