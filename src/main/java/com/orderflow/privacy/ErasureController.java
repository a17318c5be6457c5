package com.orderflow.privacy;

import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops erase a finished order's customer data when the customer asks (ops only: see the security configuration). */
@RestController
public class ErasureController {

    private final CustomerDataErasure erasure;

    public ErasureController(CustomerDataErasure erasure) {
        this.erasure = erasure;
    }

    /** {@code 200} with when it was erased, also when it was before; {@code 409} while the order still needs it. */
    @PostMapping("/api/orders/{orderId}/erasure")
    public Erasure erase(@PathVariable String orderId) {
        return new Erasure(orderId, erasure.erase(orderId));
    }

    public record Erasure(String orderId, Instant erasedAt) {
    }
}
