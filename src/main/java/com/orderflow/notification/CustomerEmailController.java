package com.orderflow.notification;

import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CustomerEmailController {

    private final CustomerEmailChange change;

    public CustomerEmailController(CustomerEmailChange change) {
        this.change = change;
    }

    @PostMapping("/api/orders/{orderId}/customer-email")
    public CustomerEmailChange.Readdressed change(@PathVariable String orderId, @Valid @RequestBody CustomerEmailRequest body,
                                                  Principal caller) {
        return change.change(orderId, body.email().strip(), caller.getName());
    }
}
