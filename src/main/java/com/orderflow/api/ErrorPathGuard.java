package com.orderflow.api;

import com.orderflow.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards a failed request to render its error; asked for
 * directly it has no error to render and answered 500. A direct request gets 404; the container's own
 * error dispatches are not filtered (a {@link OncePerRequestFilter} skips them).
 */
@Component
class ErrorPathGuard extends OncePerRequestFilter {

    private final ProblemResponses problems;

    ErrorPathGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/error") || path.startsWith("/error/")) {
            problems.write(response, HttpStatus.NOT_FOUND, "Not Found", "Nothing is served at this path.");
            return;
        }
        chain.doFilter(request, response);
    }
}
