package com.orderflow.choice;

import org.springframework.http.HttpStatus;

/** A choice link that cannot be used: the customer gets a page saying why, never a stack trace. */
public class ChoiceRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ChoiceRefusedException(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
