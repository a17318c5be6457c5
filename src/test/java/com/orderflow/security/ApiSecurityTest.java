package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Every /api endpoint answers only the roles the spec gives it; everyone else gets 401 or 403 as problem JSON. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "orderflow.demo.data=true")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest {

    static final String ORDER = """
            {"customer": {"name": "Ada", "email": "ada@example.com"},
             "lines": [{"sku": "CHAIR-OAK", "quantity": 1}], "payment": {"token": "tok_visa"}}""";

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identity;

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/orders", ORDER, "shop", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/orders", null, "shop", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER", null, "shop", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/timeline", null, "shop", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/notices", null, "admin", "shop"),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/payment/operations", null, "admin", "shop"),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/cancel", null, "shop", "warehouse"),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/ship-available", null, "shop", "warehouse"),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/customer-email", "{\"email\": \"ada@example.com\"}",
                        "shop", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/products/CHAIR-OAK/availability", null, "shop", null),
                Arguments.of(HttpMethod.GET, "/api/availability?skus=CHAIR-OAK,LAMP-BRASS", null, "shop", null),
                Arguments.of(HttpMethod.PUT, "/api/products/SEC-PRODUCT",
                        "{\"name\": \"Stool\", \"price\": 10, \"supplierId\": \"nordic-woods\"}", "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/products/CHAIR-OAK", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.PUT, "/api/suppliers/sec-supplier", "{\"name\": \"S\", \"leadTime\": \"P2D\"}",
                        "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/suppliers/nordic-woods", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/suppliers", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.PUT, "/api/inventory/CHAIR-OAK", "{\"onHand\": 30}", "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/inventory/CHAIR-OAK", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.POST, "/api/inventory/receipts", "{\"sku\": \"LAMP-BRASS\", \"quantity\": 1}",
                        "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/purchase-orders", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/purchase-orders/PO-NONE", null, "warehouse", "shop"),
                Arguments.of(HttpMethod.POST, "/api/purchase-orders/PO-NONE/confirmation", "{\"eta\": \"2030-01-01\"}",
                        "warehouse", "shop"),
                Arguments.of(HttpMethod.POST, "/api/purchase-orders/PO-NONE/delay",
                        "{\"newEta\": \"2030-01-01\", \"reason\": \"late\"}", "warehouse", "shop"),
                Arguments.of(HttpMethod.POST, "/api/purchase-orders/PO-NONE/dispatch", "{}", "warehouse", "shop"),
                Arguments.of(HttpMethod.POST, "/api/purchase-orders/PO-NONE/close", "{\"reason\": \"gone\"}",
                        "warehouse", "shop"),
                Arguments.of(HttpMethod.GET, "/api/reports/backorders", null, "admin", "warehouse"),
                Arguments.of(HttpMethod.GET, "/api/reports/payments", null, "admin", "shop"));
    }

    /** Support speak with customers: they read and correct, and reach none of ops' money, stock, data or engine. */
    static Stream<Arguments> supportEndpoints() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/orders?customerEmail=ada@example.com", null, true),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER", null, true),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/timeline", null, true),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/notices", null, true),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/customer-email", "{\"email\": \"ada@example.com\"}",
                        true),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/cancel", null, true),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/ship-available", null, true),
                Arguments.of(HttpMethod.GET, "/api/products/CHAIR-OAK/availability", null, true),
                Arguments.of(HttpMethod.GET, "/api/availability?skus=CHAIR-OAK", null, true),
                Arguments.of(HttpMethod.POST, "/api/orders", ORDER, false),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/erasure", null, false),
                Arguments.of(HttpMethod.GET, "/api/orders/NO-SUCH-ORDER/payment/operations", null, false),
                Arguments.of(HttpMethod.POST, "/api/customers/erasure", "{\"email\": \"ada@example.com\"}", false),
                Arguments.of(HttpMethod.POST, "/api/orders/NO-SUCH-ORDER/payment/unpaid-settlement",
                        "{\"outcome\": \"COLLECTED\", \"note\": \"paid\"}", false),
                Arguments.of(HttpMethod.GET, "/api/inventory/CHAIR-OAK", null, false),
                Arguments.of(HttpMethod.GET, "/api/purchase-orders", null, false),
                Arguments.of(HttpMethod.GET, "/api/reports/backorders", null, false),
                Arguments.of(HttpMethod.GET, "/engine-rest/process-definition", null, false));
    }

    @ParameterizedTest(name = "support: {0} {1}")
    @MethodSource("supportEndpoints")
    void supportReadsAndCorrectsOrdersOnly(HttpMethod method, String path, String body, boolean allowed) {
        ResponseEntity<JsonNode> answer = send(http.withBasicAuth("support", "support"), method, path, body);

        if (allowed) {
            assertThat(answer.getStatusCode().value()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void endpointAnswersOnlyItsRoles(HttpMethod method, String path, String body, String allowed, String refused) {
        ResponseEntity<JsonNode> anonymous = send(http, method, path, body);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");

        if (refused != null) {
            ResponseEntity<JsonNode> wrongRole = send(http.withBasicAuth(refused, refused), method, path, body);
            assertThat(wrongRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(wrongRole.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }

        for (String user : new String[] {allowed, "admin"}) {
            ResponseEntity<JsonNode> answer = send(http.withBasicAuth(user, user), method, path, body);
            assertThat(answer.getStatusCode().value()).as(user).isNotIn(401, 403).isLessThan(500);
        }
    }

    @ParameterizedTest(name = "user [{0}]")
    @MethodSource("badCredentials")
    void wrongCredentialsAreUnauthenticated(String user, String password) {
        for (String path : new String[] {"/api/orders/ANY", "/engine-rest/engine"}) {
            ResponseEntity<JsonNode> answer = send(http.withBasicAuth(user, password), HttpMethod.GET, path, null);
            assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
    }

    @Test
    void aRememberedLoginLetsNoWrongPasswordIn() {
        ResponseEntity<JsonNode> right = send(http.withBasicAuth("admin", "admin"), HttpMethod.GET, "/api/orders/ANY", null);
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> wrong = send(http.withBasicAuth("admin", "admin2"), HttpMethod.GET, "/api/orders/ANY", null);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * Camunda locked an account after a wrong password (for good after ten), so anyone who knew a user
     * name could shut a shop system out of the API without knowing its password.
     */
    @Test
    void wrongPasswordsFromAGuesserDoNotLockTheUserOut(CapturedOutput log) {
        String user = "guessed" + UUID.randomUUID().toString().substring(0, 8);
        User account = identity.newUser(user);
        account.setPassword("right-" + user);
        identity.saveUser(account);
        identity.createMembership(user, IdentitySetup.SHOP);
        try {
            for (int i = 0; i < 12; i++) {
                assertThat(send(http.withBasicAuth(user, "guess-" + i), HttpMethod.GET, "/api/orders/ANY", null)
                        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            }

            assertThat(send(http.withBasicAuth(user, "right-" + user), HttpMethod.GET, "/api/orders/ANY", null)
                    .getStatusCode()).as("the user, with the right password").isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(log).as("nor does the log tell the operator otherwise").doesNotContain("'" + user + "' is locked");
        } finally {
            identity.deleteUser(user);
        }
    }

    /** These have no controller of ours yet; they answered Spring's default error JSON, and /error a 500. */
    @Test
    void pathsNothingServesAndMethodsAPathDoesNotTakeAnswerProblemJson() {
        TestRestTemplate admin = http.withBasicAuth("admin", "admin");
        Object[][] cases = {{HttpMethod.DELETE, "/api/orders/ANY", HttpStatus.METHOD_NOT_ALLOWED},
                {HttpMethod.PUT, "/api/orders/ANY/cancel", HttpStatus.METHOD_NOT_ALLOWED},
                {HttpMethod.GET, "/api/nothing-here", HttpStatus.NOT_FOUND}};
        for (Object[] c : cases) {
            ResponseEntity<JsonNode> answer = send(admin, (HttpMethod) c[0], (String) c[1], null);
            assertThat(answer.getStatusCode()).as(c[0] + " " + c[1]).isEqualTo(c[2]);
            assertThat(answer.getHeaders().getContentType().toString()).as(c[0] + " " + c[1]).startsWith("application/problem+json");
            assertThat(answer.getBody().get("status").asInt()).isEqualTo(((HttpStatus) c[2]).value());
        }
        assertThat(send(http, HttpMethod.GET, "/error", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(send(admin, HttpMethod.GET, "/api/orders/NO-SUCH-ORDER", null).getBody().get("detail").asText())
                .as("an error of our own still reads as before").isEqualTo("No order NO-SUCH-ORDER");
    }

    /** HEAD is GET without the body: what shop may read it may also HEAD (it answered 403). */
    @Test
    void shopMayHeadWhatItMayGet() {
        TestRestTemplate shop = http.withBasicAuth("shop", "shop");
        for (String path : new String[] {"/api/orders/NO-SUCH-ORDER", "/api/orders/NO-SUCH-ORDER/timeline"}) {
            assertThat(send(shop, HttpMethod.HEAD, path, null).getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(send(shop, HttpMethod.HEAD, "/api/products/CHAIR-OAK/availability", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(send(shop, HttpMethod.HEAD, "/api/products/CHAIR-OAK", null).getStatusCode())
                .as("shop may not read the product itself").isEqualTo(HttpStatus.FORBIDDEN);
    }

    static Stream<Arguments> badCredentials() {
        // A NUL in the name or password once reached PostgreSQL, which refuses it: 500 and an ERROR for anyone.
        return Stream.of(Arguments.of("admin", "wrong"), Arguments.of("nobody", "nobody"), Arguments.of("", ""),
                Arguments.of("sh\0op", "shop"), Arguments.of("admin", "ad\0min"));
    }

    static ResponseEntity<JsonNode> send(TestRestTemplate client, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
