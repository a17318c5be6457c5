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
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a negative or non-numeric {@code firstResult} or {@code maxResults} on the engine's REST API
 * and the webapps' internal API: the engine passes them to the database as they are, and PostgreSQL's
 * refusal of a negative LIMIT came back as a 500 with a stack trace in the log. Any logged-in webapp
 * user reaches the internal API, not only ops.
 */
class EnginePagingGuard extends OncePerRequestFilter {

    private static final Set<String> PAGING = Set.of("firstResult", "maxResults");

    private final ProblemResponses problems;

    EnginePagingGuard(ProblemResponses problems) {
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
