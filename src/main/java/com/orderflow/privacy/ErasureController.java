package com.orderflow.privacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    public Erasure erase(@PathVariable String orderId, Principal user) {
        return new Erasure(orderId, erasure.erase(orderId, CustomerDataErasure.Basis.orderRequest(user.getName())));
    }

    /**
     * All of a customer's finished orders at once, found by their e-mail address: {@code 200} with the orders erased
     * and those still open (to erase once they have finished).
     */
    @PostMapping("/api/customers/erasure")
    public CustomerDataErasure.CustomerErasure eraseCustomer(@Valid @RequestBody CustomerErasureRequest body,
                                                            Principal user) {
        return erasure.eraseCustomer(body.email(), user.getName());
    }

    public record Erasure(String orderId, Instant erasedAt) {
    }

    public record CustomerErasureRequest(@NotBlank @Size(max = 254) String email) {
    }
}
