package com.orderflow.api;

import com.orderflow.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API body over 1 MiB with 413, before anything parses it. The largest order the API takes (200
 * lines) is a few dozen kilobytes; a 6 MB body was parsed to the end before the 400 for its line count, and a
 * 30 MB name was answered "not well-formed JSON". Runs after the login check, so an anonymous client gets its
 * 401 without the body being read.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    static final int MAX_BYTES = 1024 * 1024;

    private final ProblemResponses problems;

    RequestBodyLimit(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            tooLarge(response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        // No length given (chunked): read up to the limit to know.
        Optional<BufferedRequest> buffered = BufferedRequest.read(request, MAX_BYTES);
        if (buffered.isEmpty()) {
            tooLarge(response);
            return;
        }
        chain.doFilter(buffered.get(), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                "Request bodies of the API are limited to " + MAX_BYTES + " bytes.");
    }
}
