package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.security.IdentitySetup;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Business metrics for Prometheus move as orders flow; health covers the database and the engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
class MetricsTest {

    @Autowired TestRestTemplate http;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;
    @Autowired IdentityService identity;

    @Test
    void metricsMoveAfterOrdersFlow() {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String inStock = catalog.product("10.00", 5);
        String shortSku = catalog.product("10.00", 0);
        double shippedBefore = read(ops, "orderflow_orders\\{status=\"SHIPPED\"\\}");
        double openBefore = read(ops, "orderflow_backorders_open");
        double fillsBefore = read(ops, "orderflow_backorder_fill_time_seconds_count");
        double unsentBefore = read(ops, "orderflow_notices_unsent");

        place(ops, inStock);
        place(ops, shortSku);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                metric(ops, "orderflow_orders\\{status=\"SHIPPED\"\\}") == shippedBefore + 1
                        && metric(ops, "orderflow_backorders_open") == openBefore + 1);

        ops.exchange("/api/inventory/receipts", HttpMethod.POST, json("{\"sku\": \"" + shortSku + "\", \"quantity\": 1}"),
                JsonNode.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                metric(ops, "orderflow_orders\\{status=\"SHIPPED\"\\}") == shippedBefore + 2);
        assertThat(metric(ops, "orderflow_backorders_open")).isEqualTo(openBefore);
        assertThat(metric(ops, "orderflow_backorder_fill_time_seconds_count")).isEqualTo(fillsBefore + 1);
        // No mail server in this test: the two shipment notices and the backorder notice wait in the outbox.
        assertThat(metric(ops, "orderflow_notices_unsent")).isGreaterThanOrEqualTo(unsentBefore + 3);
        assertThat(metric(ops, "orderflow_notices_unsent_oldest_seconds")).isPositive();
        String scrape = ops.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).contains("orderflow_jobs_backlog", "orderflow_escalations_open", "orderflow_delay_notices",
                "orderflow_notices_failed", "orderflow_payments_unpaid",
                "orderflow_backorder_fill_time_seconds_bucket");
    }

    @Test
    void metricsAreForOpsAndHealthForEveryone() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        shopUserExists();
        assertThat(http.withBasicAuth("metricsshop", "metricsshop").getForEntity("/api/orders/NO-SUCH-ORDER", String.class)
                .getStatusCode()).as("a valid shop login").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("metricsshop", "metricsshop").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("processEngine")).isTrue();
    }

    private void place(TestRestTemplate client, String sku) {
        client.exchange("/api/orders", HttpMethod.POST, json("""
                {"orderId": "M-%s", "customer": {"name": "Ada", "email": "ada@example.com"},
                 "lines": [{"sku": "%s", "quantity": 1}], "payment": {"token": "tok_visa"}}"""
                .formatted(UUID.randomUUID(), sku)), JsonNode.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static double metric(TestRestTemplate client, String name) {
        String scrape = client.getForObject("/actuator/prometheus", String.class);
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** A figure once read: a scrape waits a second for the business figures' first reading, and may not get it. */
    private static double read(TestRestTemplate client, String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> metric(client, name), value -> !Double.isNaN(value));
    }

    private void shopUserExists() {
        if (identity.createUserQuery().userId("metricsshop").count() == 0) {
            User user = identity.newUser("metricsshop");
            user.setPassword("metricsshop");
            identity.saveUser(user);
            identity.createMembership("metricsshop", IdentitySetup.SHOP);
        }
    }
}
