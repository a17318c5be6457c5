package com.orderflow.choice;

import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer who asks the shop's account page or support, rather than a delay notice's link, to have what is ready
 * shipped now and the rest given up. Without it support could only cancel the whole order for them, or wait for
 * the next notice.
 */
@RestController
public class ShipAvailableController {

    private final ShipAvailableOnRequest requests;

    public ShipAvailableController(ShipAvailableOnRequest requests) {
        this.requests = requests;
    }

    /** What was asked for: the order's process ships what is ready and withdraws the rest in the background. */
    public record ShipAvailableAccepted(String orderId, String choice, String by) {
    }

    /** {@code 202}: the order's process carries it out; {@code GET} the order to follow it. */
    @PostMapping("/api/orders/{orderId}/ship-available")
    public ResponseEntity<ShipAvailableAccepted> shipAvailable(@PathVariable String orderId, Principal caller) {
        requests.shipAvailable(orderId, caller.getName());
        return ResponseEntity.accepted().location(URI.create("/api/orders/" + orderId))
                .body(new ShipAvailableAccepted(orderId, CustomerChoice.SHIP_AVAILABLE.name(), caller.getName()));
    }
}
