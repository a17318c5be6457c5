package com.orderflow.api;

import com.orderflow.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503} problem JSON when the database is out of reach before a controller runs: checking a
 * login that is not cached reads the database, and its failure escaped the filters as Spring's plain
 * error JSON with a 500, on the API, {@code /engine-rest} and {@code /actuator} alike.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutageGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageGuard.class);

    private final ProblemResponses problems;

    DatabaseOutageGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!DatabaseUnavailable.causedIt(failure) || response.isCommitted()) {
                throw failure;
            }
            log.error("Database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(),
                    failure.getMessage());
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.TITLE,
                    DatabaseUnavailable.DETAIL);
        }
    }
}
