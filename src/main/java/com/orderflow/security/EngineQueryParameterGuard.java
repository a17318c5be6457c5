package com.orderflow.security;

import com.orderflow.api.CountParameter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses query parameters the engine passes to the database as they are, where the database's refusal came
 * back as a 500 with the SQL error in the log: a negative or non-numeric {@code firstResult} or
 * {@code maxResults} (PostgreSQL refuses a negative LIMIT), and a date beyond the year 9999
 * ({@code startedAfter=299999-01-01T00:00:00.000+0000}: beyond what PostgreSQL's timestamps hold), on the
 * engine's REST API and the webapps' internal API. Any logged-in webapp user reaches the internal API, not
 * only ops. Dates in a query's JSON body are {@link QueryExpressionGuard}'s, which reads the body.
 */
class EngineQueryParameterGuard extends OncePerRequestFilter {

    private static final Set<String> PAGING = Set.of("firstResult", "maxResults");
    /** The engine's date parameters: startedAfter, dueBefore, followUpDate, ... */
    static final Pattern DATE_NAME = Pattern.compile(".*(?:After|Before|Date|At)");
    /** A year of five or more digits (or signed) starting an ISO date, as the engine's date parameters take them. */
    static final Pattern FAR_DATE = Pattern.compile("(?:[+-]\\d{4,}|\\d{5,})-\\d{2}-\\d{2}(?:T.*)?");

    private final ProblemResponses problems;

    EngineQueryParameterGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (PAGING.contains(name) && CountParameter.read(value).isEmpty()) {
                    problems.write(response, HttpStatus.BAD_REQUEST, "Invalid paging",
                            name + " must be a whole number from 0 to 2147483647.");
                    return;
                }
                if (DATE_NAME.matcher(name).matches() && FAR_DATE.matcher(value.strip()).matches()) {
                    problems.write(response, HttpStatus.BAD_REQUEST, "Invalid date",
                            name + " must be a date from the year 0001 to 9999.");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
