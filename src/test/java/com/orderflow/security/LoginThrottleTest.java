package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A guesser is slowed down by its own address, not by locking the account it guesses at: the real
 * user elsewhere keeps logging in. The chain behind the filter stands for Spring Security and the
 * webapps' login, answering 401 to a wrong password.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest {

    private static final String RIGHT = "Basic " + base64("shop:shop");
    private static final String WRONG = "Basic " + base64("shop:guess");

    private final AtomicInteger passwordsChecked = new AtomicInteger();
    private final LoginThrottleFilter filter = new LoginThrottleFilter(
            new LoginThrottle(new LoginSettings(Duration.ofMinutes(1), 3, Duration.ofMillis(800))),
            new ProblemResponses(new ObjectMapper()));

    @Test
    void anAddressThatFailedTooOftenWaitsWhileAnotherLogsInAsTheSameUser(CapturedOutput log) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("10.0.0.1", "GET", "/api/orders/A-1", WRONG).getStatus()).isEqualTo(401);
        }

        MockHttpServletResponse throttled = send("10.0.0.1", "GET", "/api/orders/A-1", RIGHT);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(throttled.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(passwordsChecked).as("the throttled request's password was not even checked").hasValue(3);
        assertThat(log.getOut().lines().filter(line -> line.contains("WARN") && line.contains("Logins from 10.0.0.1 refused (429)")))
                .as("the operator sees who is refused, once").hasSize(1);

        assertThat(send("10.0.0.2", "GET", "/api/orders/A-1", RIGHT).getStatus()).as("the user, elsewhere").isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> send("10.0.0.1", "GET", "/api/orders/A-1", RIGHT).getStatus() == 200);
    }

    @Test
    void theWebappsLoginFormCountsAndIsThrottledLikeBasicLogins() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("10.0.0.3", "POST", "/camunda/api/admin/auth/user/default/login/tasklist", null).getStatus())
                    .isEqualTo(401);
        }

        assertThat(send("10.0.0.3", "GET", "/engine-rest/task", RIGHT).getStatus()).isEqualTo(429);
    }

    @Test
    void requestsWithoutCredentialsNeverCount() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(send("10.0.0.4", "GET", "/api/orders/A-1", null).getStatus()).isEqualTo(401);
        }

        assertThat(send("10.0.0.4", "GET", "/api/orders/A-1", RIGHT).getStatus()).isEqualTo(200);
    }

    /** Answers as the real chain would: 200 for shop's password, 401 for anything else. */
    private MockHttpServletResponse send(String address, String method, String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest in, jakarta.servlet.ServletResponse out) {
                passwordsChecked.incrementAndGet();
                ((HttpServletResponse) out).setStatus(RIGHT.equals(authorization) ? 200 : 401);
            }
        });
        return response;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
