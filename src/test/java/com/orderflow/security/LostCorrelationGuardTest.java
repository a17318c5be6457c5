package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Ops correlating {@code CancelOrder} through {@code /engine-rest} at the moment the customer's cancellation (or a
 * second ops user's) moved the order on got a 500 naming engine internals. The chain here answers as
 * {@code /engine-rest} answered those races.
 */
class LostCorrelationGuardTest {

    final LostCorrelationGuard guard = new LostCorrelationGuard(new ProblemResponses(new ObjectMapper()),
            new HeldEngineRestLog());

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005 Execution of 'DELETE EventSubscriptionEntity[1]'"
                    + " failed. Entity was updated by another transaction concurrently.\"}",
            "{\"type\":\"ProcessEngineException\",\"message\":\"Execution with id '7' does not have a subscription to a message"
                    + " event with name 'CancelOrder': eventSubscriptions is empty\"}"})
    void aCorrelationThatLostTheRaceIsAConflictNamingNoInternals(String engineAnswer) throws Exception {
        MockHttpServletResponse answer = correlate("/engine-rest/message", failingWith(engineAnswer));

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentType()).isEqualTo("application/problem+json");
        assertThat(answer.getContentAsString()).contains("Nothing of this correlation was kept")
                .doesNotContain("ENGINE-03005", "EventSubscriptionEntity", "eventSubscriptions");
    }

    @Test
    void anyOtherFailureAndOtherPathsPassAsTheyAre() throws Exception {
        String lost = "{\"message\":\"ENGINE-03005 Execution failed\"}";

        MockHttpServletResponse other = correlate("/engine-rest/message", failingWith("{\"message\":\"something else\"}"));
        MockHttpServletResponse elsewhere = correlate("/engine-rest/task/7/complete", failingWith(lost));
        MockHttpServletResponse done = correlate("/engine-rest/engine/default/message",
                (request, response) -> ((HttpServletResponse) response).setStatus(204));

        assertThat(other.getStatus()).isEqualTo(500);
        assertThat(other.getContentAsString()).isEqualTo("{\"message\":\"something else\"}");
        assertThat(elsewhere.getStatus()).isEqualTo(500);
        assertThat(done.getStatus()).isEqualTo(204);
    }

    private MockHttpServletResponse correlate(String path, FilterChain engineRest) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(new MockHttpServletRequest("POST", path), response, engineRest);
        return response;
    }

    private static FilterChain failingWith(String body) {
        return (request, response) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(500);
            http.setContentType("application/json");
            http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }
}
