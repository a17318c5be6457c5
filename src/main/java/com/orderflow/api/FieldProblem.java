package com.orderflow.api;

/** One rejected input field, as reported in a problem response's {@code errors}. */
public record FieldProblem(String field, String message) {
}
