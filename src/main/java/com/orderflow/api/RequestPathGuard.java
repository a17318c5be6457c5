package com.orderflow.api;

import com.orderflow.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, ahead of every other filter, the request paths Spring Security's firewall refuses ({@code //},
 * {@code ;}, {@code /../}, encoded slashes): the same rules it applies later, applied first. Filters that run
 * before it parsed {@code //engine-rest/version} against the servlet's path and failed, so any anonymous
 * client got a 500 and wrote an ERROR line with a stack trace, where the firewall answers 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestPathGuard extends OncePerRequestFilter {

    private final StrictHttpFirewall firewall = new StrictHttpFirewall();
    private final ProblemResponses problems;

    RequestPathGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
            problems.write(response, HttpStatus.BAD_REQUEST, "Bad request path", rejected.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
