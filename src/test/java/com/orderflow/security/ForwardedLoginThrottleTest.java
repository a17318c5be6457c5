package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Behind a proxy, configured as the README says: the throttle counts the address the proxy saw, the last one in
 * {@code X-Forwarded-For} that no trusted proxy wrote. With the {@code framework} strategy it counted the first,
 * which the client writes: a guesser changing it per request was never throttled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.demo.data=true", "orderflow.login.max-failures=3",
        "server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
@ActiveProfiles("test")
class ForwardedLoginThrottleTest {

    @LocalServerPort int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aGuesserWritingItsOwnForwardedAddressesIsThrottledByTheAddressTheProxySaw() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(get("203.0.113." + i + ", 198.51.100.7", "shop:guess" + i)).isEqualTo(401);
        }

        assertThat(get("203.0.113.99, 198.51.100.7", "shop:shop")).as("the guesser, naming yet another address")
                .isEqualTo(429);
        assertThat(get("198.51.100.7", "shop:shop")).as("the guesser, plainly").isEqualTo(429);
        assertThat(get("198.51.100.8", "shop:shop")).as("the shop, behind the same proxy").isEqualTo(404);
    }

    private int get(String forwardedFor, String credentials) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders/NO-SUCH-ORDER"))
                .header("X-Forwarded-For", forwardedFor)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
