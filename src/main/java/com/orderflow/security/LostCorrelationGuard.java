package com.orderflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers 409 for a message correlation through {@code /engine-rest} that lost a race for its process: ops
 * correlating {@code CancelOrder} while the customer's cancellation, or a second ops user's, moved the order
 * on. The engine answered 500 with its internals (an execution "updated by another transaction", or one that
 * "does not have a subscription" any more it had a moment before). Nothing of the correlation was kept.
 */
class LostCorrelationGuard extends OncePerRequestFilter {

    private static final Pattern CORRELATION = Pattern.compile("/engine-rest(?:/engine/[^/]+)?/message");
    /** The subscription the correlation had found was gone when it came to use it. */
    private static final String SUBSCRIPTION_GONE = "does not have a subscription to a message event";

    private static final Logger LOG = LoggerFactory.getLogger(LostCorrelationGuard.class);

    private final ProblemResponses problems;
    private final HeldEngineRestLog engineLog;

    LostCorrelationGuard(ProblemResponses problems, HeldEngineRestLog engineLog) {
        this.problems = problems;
        this.engineLog = engineLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())
                || !CORRELATION.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        HeldEngineRestLog.HeldLines engineLines = engineLog.holdWhile(() -> chain.doFilter(request, answer));
        String failure = answer.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()
                ? new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8) : "";
        if (!failure.contains(VanishedTaskGuard.CONCURRENT_UPDATE) && !failure.contains(SUBSCRIPTION_GONE)) {
            engineLines.logAsTheEngineDid();
            answer.copyBodyToResponse();
            return;
        }
        answer.resetBuffer();
        LOG.info("A message correlation through {} lost a race with its process: answered 409, nothing of it kept",
                request.getRequestURI());
        problems.write(response, HttpStatus.CONFLICT, "Order changed meanwhile", "The process this message was for moved"
                + " on while it was being correlated (another cancellation, the customer's choice or a delivery came"
                + " first). Nothing of this correlation was kept: look at the order's timeline, and send the message"
                + " again if it is still needed.");
    }
}
