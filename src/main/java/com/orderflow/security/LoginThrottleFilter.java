package com.orderflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a client address that failed to log in too often lately, before its credentials are
 * checked at all, and counts a request that brought credentials and was answered 401 as a failure:
 * HTTP Basic on the API, {@code /engine-rest} and the actuator, and the webapps' login form.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final ProblemResponses problems;

    LoginThrottleFilter(LoginThrottle throttle, ProblemResponses problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bringsCredentials(request)) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        Duration wait = throttle.waitFor(client);
        if (!wait.isZero()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds() + 1)));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                    "This address failed to log in too often; try again in " + Math.max(1, wait.toSeconds() + 1) + " seconds.");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            throttle.failed(client);
        }
    }

    private static boolean bringsCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || "POST".equals(request.getMethod()) && request.getRequestURI().contains("/login/");
    }
}
