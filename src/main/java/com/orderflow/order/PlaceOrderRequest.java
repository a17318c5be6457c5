package com.orderflow.order;

import com.orderflow.payment.CardNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/orders}. Names, e-mail addresses and payment tokens carry no control
 * characters: a line break in a name has no place in a notice's header, and the order's fingerprint
 * separates its fields with them (a token holding "\n" and a SKU once passed for another body).
 */
public record PlaceOrderRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1-64 letters, digits, '.', '_' or '-'") String orderId,
        @NotNull @Valid CustomerRequest customer,
        @NotEmpty(message = "must have 1 to 200 lines") @Size(max = 200, message = "must have 1 to 200 lines")
        List<@NotNull @Valid LineRequest> lines,
        ShipPolicy shipPolicy,
        @Min(0) @Max(100) Integer priority,
        @NotNull @Valid PaymentRequest payment) {

    public static final String NO_CONTROL_CHARACTERS = "\\P{Cc}*";
    /** A customer's address as orders take it (and its correction): one @, a dot after it, no blanks or controls. */
    public static final String EMAIL = "[^@\\s\\p{Cc}]+@[^@\\s\\p{Cc}]+\\.[^@\\s\\p{Cc}]+";
    public static final String EMAIL_REFUSED = "must be a well-formed e-mail address";
    public static final String CONTROL_CHARACTERS_REFUSED = "must not contain control characters (line breaks, tabs, NUL)";

    public record CustomerRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = CONTROL_CHARACTERS_REFUSED) String name,
            @NotBlank @Size(max = CustomerRequest.MAX_EMAIL_LENGTH)
            @Email(regexp = EMAIL, message = EMAIL_REFUSED) String email,
            // 35 characters: what RFC 5646 asks every implementation to hold, and what an order keeps.
            @Size(max = 35, message = "must be a language tag of at most 35 characters")
            @Pattern(regexp = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*",
                    message = "must be a language tag such as en or de-AT") String locale) {

        /** The longest address SMTP carries (RFC 5321's path limit, less its angle brackets). */
        public static final int MAX_EMAIL_LENGTH = 254;
    }

    public record LineRequest(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(100_000) Integer quantity) {
    }

    public record PaymentRequest(@NotBlank @Size(max = MAX_TOKEN_LENGTH) @CardNumber
                                 @Pattern(regexp = NO_CONTROL_CHARACTERS, message = CONTROL_CHARACTERS_REFUSED) String token) {

        /** Also the longest new token ops may give an order whose authorisation lapsed. */
        public static final int MAX_TOKEN_LENGTH = 200;
    }
}
