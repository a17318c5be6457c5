package com.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderflow.security.ProblemResponses;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * With the database out of reach a request waited for the pool's timeout and was answered 500 "Internal
 * error", or, when its login had to be checked first, with Spring's plain error JSON: a shop took its
 * request itself for failed. The failures below are the ones the pool and Spring raise then.
 */
class DatabaseOutageTest {

    static final RuntimeException POOL_TIMED_OUT = new CannotCreateTransactionException("Could not open JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms"));

    @Test
    void aLoginThatCannotBeCheckedIsAServiceUnavailableProblemToRetry() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        new DatabaseOutageGuard(new ProblemResponses(new ObjectMapper())).doFilter(
                new MockHttpServletRequest("GET", "/api/orders/A-1"), response, (request, answer) -> {
                    throw POOL_TIMED_OUT;
                });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("cannot reach its database").doesNotContain("Hikari");
    }

    @Test
    void aConnectionTheServerCutMidRequestIsAnOutageToo() {
        RuntimeException cut = new UncategorizedSQLException("select", "SELECT 1",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThat(new ApiExceptionHandler().unexpected(cut).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void anyOtherFailurePassesOnAsItWas() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> new DatabaseOutageGuard(new ProblemResponses(new ObjectMapper())).doFilter(
                new MockHttpServletRequest("GET", "/api/orders/A-1"), new MockHttpServletResponse(), (request, answer) -> {
                    throw bug;
                })).isSameAs(bug);
    }

    @Test
    void aRequestTheDatabaseFailedIsAServiceUnavailableProblemNotAnInternalError() {
        ResponseEntity<Object> answer = new ApiExceptionHandler().unexpected(POOL_TIMED_OUT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was changed");
        assertThat(new ApiExceptionHandler().unexpected(new IllegalStateException("a bug")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
