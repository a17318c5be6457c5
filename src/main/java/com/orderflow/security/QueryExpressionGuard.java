package com.orderflow.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.orderflow.api.BufferedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses task, process, case and filter queries that carry an expression ({@code ${...}} or
 * {@code #{...}}) anywhere: in the query string, in the JSON body, nested {@code orQueries}
 * included, however the characters are escaped. Camunda 7.24 is the last community release and
 * gets no security patches, so the service closes this door on {@code /engine-rest} and on the
 * webapps' internal API itself, in front of the engine's own settings: those stop an expression at
 * the top of a query but evaluate one inside {@code orQueries}.
 *
 * <p>A JSON body is read token by token, every field name and string value as the engine's parser
 * will decode it, repeated keys included (the engine's parser takes the last, a tree the first). A
 * JSON body this guard cannot read is refused, not passed on: the engine's parser may be more lenient.
 * The NUL character is refused the same way: the engine hands it to PostgreSQL, which fails the statement.
 */
public class QueryExpressionGuard extends OncePerRequestFilter {

    private static final Pattern QUERY_PATHS = Pattern.compile(
            ".*(task|process-instance|process-definition|case-|execution|filter|job|incident|variable-instance|history|"
                    + "external-task|batch|decision|authorization|user|group|tenant).*",
            Pattern.CASE_INSENSITIVE);
    /**
     * Logins and password changes carry no query, and a password is never evaluated: read as queries,
     * a password holding "#{" could never log in.
     */
    private static final Pattern CREDENTIALS = Pattern.compile(
            ".*(/auth/user/[^/]+/login/[^/]+|/user/create|/user/[^/]+/credentials)/?", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\s*\\{");
    /** PostgreSQL refuses NUL in any text parameter: the engine's statement failed, a 500 with an ERROR. */
    private static final Pattern NUL = Pattern.compile("\u0000");
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final JsonFactory json = new JsonFactory();
    private final ProblemResponses problems;

    public QueryExpressionGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!QUERY_PATHS.matcher(path).matches() || CREDENTIALS.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            // Form bodies are parsed by the container; reading the stream here would lose them.
            boolean found = foundIn(EXPRESSION, request.getQueryString()) || request.getParameterMap().values().stream()
                    .flatMap(java.util.Arrays::stream).anyMatch(value -> EXPRESSION.matcher(value).find());
            boolean nul = foundIn(NUL, request.getQueryString()) || request.getParameterMap().values().stream()
                    .flatMap(java.util.Arrays::stream).anyMatch(value -> value.indexOf('\0') >= 0);
            if (found) {
                refuse(response);
            } else if (nul) {
                refuseNul(response);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        Optional<BufferedRequest> buffered = BufferedRequest.read(request, MAX_BODY_BYTES);
        if (buffered.isEmpty()) {
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                    "Query requests are limited to " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        byte[] body = buffered.get().body();
        if (foundIn(EXPRESSION, request.getQueryString()) || foundIn(EXPRESSION, body)) {
            refuse(response);
            return;
        }
        // A JSON body only: a file uploaded as a variable's data (multipart) holds NUL bytes as a matter of course.
        if (foundIn(NUL, request.getQueryString()) || (isJson(contentType) && foundIn(NUL, body))) {
            refuseNul(response);
            return;
        }
        if (isJson(contentType) && !wellFormed(body)) {
            problems.write(response, HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "The request body is not well-formed JSON.");
            return;
        }
        Optional<String> farDate = isJson(contentType) ? farDateField(body) : Optional.empty();
        if (farDate.isPresent()) {
            problems.write(response, HttpStatus.BAD_REQUEST, "Invalid date",
                    farDate.get() + " must be a date from the year 0001 to 9999.");
            return;
        }
        chain.doFilter(buffered.get(), response);
    }

    /**
     * A date field ({@code startedAfter}, {@code dueBefore}, ...) of a JSON query, nested ones included, beyond the
     * year 9999: PostgreSQL cannot hold it, and its refusal came back as a 500, as for the same query's parameters
     * ({@link EngineQueryParameterGuard}).
     */
    private Optional<String> farDateField(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String field = parser.currentName();
                if (token == JsonToken.VALUE_STRING && field != null
                        && EngineQueryParameterGuard.DATE_NAME.matcher(field).matches()
                        && EngineQueryParameterGuard.FAR_DATE.matcher(parser.getText().strip()).matches()) {
                    return Optional.of(field);
                }
            }
        } catch (IOException malformed) {
            // wellFormed refused it already.
        }
        return Optional.empty();
    }

    private void refuse(HttpServletResponse response) throws IOException {
        problems.write(response, HttpStatus.BAD_REQUEST, "Expressions are not allowed",
                "Queries may not contain expressions (${...} or #{...}), not even inside orQueries.");
    }

    private void refuseNul(HttpServletResponse response) throws IOException {
        problems.write(response, HttpStatus.BAD_REQUEST, "NUL character not allowed",
                "Parameters and JSON texts may not hold the NUL character (\\u0000).");
    }

    private static boolean foundIn(Pattern refused, String queryString) {
        if (queryString == null) {
            return false;
        }
        String decoded = queryString;
        // Decode repeatedly: a doubly encoded expression must not slip through.
        for (int i = 0; i < 3; i++) {
            try {
                decoded = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                break;
            }
        }
        return refused.matcher(decoded).find();
    }

    /** Without a content type the engine's REST layer reads JSON too. */
    private static boolean isJson(String contentType) {
        return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The raw text, then, when it is JSON, every name and string as decoded (escapes such as {@code \u0024{}). */
    private boolean foundIn(Pattern refused, byte[] body) throws IOException {
        if (body.length == 0) {
            return false;
        }
        if (refused.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
            return true;
        }
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)
                        && refused.matcher(parser.getText()).find()) {
                    return true;
                }
            }
        } catch (IOException notJson) {
            // Not JSON, or not all of it: wellFormed decides what that means for the request.
        }
        return false;
    }

    private boolean wellFormed(byte[] body) {
        if (body.length == 0) {
            return true;
        }
        try (JsonParser parser = json.createParser(body)) {
            while (parser.nextToken() != null) {
                // Reading to the end is the check.
            }
            return true;
        } catch (IOException malformed) {
            return false;
        }
    }
}
