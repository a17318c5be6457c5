package com.orderflow.choice;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * A choice link that cannot be used: the customer gets a page saying why, never a stack trace.
 * {@code reason} names the page's texts ({@code choice.refused.<reason>.title} and {@code .message}
 * in {@code templates/choice/messages*.properties}, with {@code arguments}); {@code locale} is the
 * order's language when the link named a known order, otherwise null (the browser's is used).
 */
public class ChoiceRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String reason;
    private final transient Locale locale;
    private final transient Object[] arguments;

    public ChoiceRefusedException(HttpStatus status, String reason, Locale locale, Object... arguments) {
        super(reason);
        this.status = status;
        this.reason = reason;
        this.locale = locale;
        this.arguments = arguments.clone();
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Locale locale() {
        return locale;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
