package com.orderflow.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the HTTP API into an {@code application/problem+json} answer.
 * Input problems name the field; nothing internal (stack traces, SQL) ever reaches a client. Not bound
 * to this service's controllers: a path nothing serves (404) or a method a path does not take (405) has
 * no controller yet, and answered Spring's default error JSON instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(List.of(new FieldProblem(e.getName(), "has an invalid value")));
    }

    /** A lock conflict the database resolved by aborting this request: nothing was written, try again. */
    @ExceptionHandler({PessimisticLockingFailureException.class, ConcurrencyFailureException.class})
    ResponseEntity<Object> busy(Exception e) {
        log.info("Request lost a lock conflict and was rolled back: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(problemBody(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                        "The request collided with another one and changed nothing; please retry."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.causedIt(e)) {
            // An outage, not a bug: one line per request, no stack trace, and the client may retry.
            log.error("Database unavailable while serving a request: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .body(problemBody(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.TITLE,
                            DatabaseUnavailable.DETAIL));
        }
        log.error("Unexpected failure while serving a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        return badRequest(problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return badRequest(problems);
    }

    /**
     * A handler that declares what it produces, asked for that type in a charset no converter writes
     * ({@code application/json;charset=UTF-16}): Spring finds no converter only when writing, and reports
     * it as a failure to write. It is the client's Accept that cannot be met, not a server error.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(HttpMessageNotWritableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() == null && e.getMessage() != null && e.getMessage().startsWith("No converter for")) {
            return problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
                    "No answer can be written in the type and charset the Accept header asks for; the API answers in UTF-8.");
        }
        return super.handleHttpMessageNotWritable(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(List.of(describeUnreadable(e.getMostSpecificCause())));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // Framework-detected problems (wrong method, media type...) keep their status but
        // lose any detail that might echo internals.
        ProblemDetail detail = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
        return ResponseEntity.status(statusCode).headers(headers).body(detail);
    }

    private FieldProblem describeUnreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(path(unknown.getPath()), "is not a field of this request; it takes "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        }
        if (cause instanceof InvalidFormatException format && format.getValue() instanceof String text
                && !format.getPath().isEmpty()) {
            String refusal = StrictJsonConfiguration.refusal(text);
            if (refusal != null) {
                return new FieldProblem(path(format.getPath()), refusal);
            }
        }
        if (cause instanceof InvalidNullException nullGiven && !nullGiven.getPath().isEmpty()) {
            return new FieldProblem(path(nullGiven.getPath()), KeepWhenLeftOut.REASON);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            String message = cause instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()
                    ? "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants())
                    : cause instanceof MismatchedInputException ? "has the wrong type or format" : "is not readable";
            return new FieldProblem(field, message);
        }
        if (cause instanceof InputCoercionException coercion && coercion.getProcessor() != null) {
            JsonParser parser = coercion.getProcessor();
            return new FieldProblem(path(parser.getParsingContext()), "is out of range");
        }
        if (cause instanceof JsonParseException parse && parse.getProcessor() != null
                && parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate field")) {
            return new FieldProblem(path(parse.getProcessor().getParsingContext()), "is given more than once");
        }
        if (cause instanceof JsonProcessingException) {
            return new FieldProblem("body", "is not well-formed JSON");
        }
        return new FieldProblem("body", "is missing or not readable");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String path(JsonStreamContext context) {
        List<String> segments = new java.util.ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                segments.add(0, "." + at.getCurrentName());
            } else if (at.inArray()) {
                segments.add(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        String field = String.join("", segments);
        field = field.startsWith(".") ? field.substring(1) : field;
        return field.isEmpty() ? "body" : field;
    }

    private static ResponseEntity<Object> badRequest(List<FieldProblem> problems) {
        String detail = problems.stream().map(p -> p.field() + " " + p.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid.");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setTitle("Invalid request");
        body.setProperty("errors", problems);
        return ResponseEntity.badRequest().body(body);
    }

    private static ProblemDetail problemBody(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return body;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status).body(body);
    }
}
