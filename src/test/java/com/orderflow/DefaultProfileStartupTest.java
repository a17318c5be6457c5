package com.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code mvn spring-boot:run} gives a new user: the default profile on embedded H2 with demo
 * data and demo users. Only the H2 file moves to a temporary folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:${java.io.tmpdir}/orderflow-startup-test-${random.uuid}/orderflow",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
class DefaultProfileStartupTest {

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void logIn() {
        http = http.withBasicAuth("shop", "shop");
    }

    @Test
    void freshServiceHasDemoCatalogAndShipsADemoOrder() {
        JsonNode chair = http.withBasicAuth("warehouse", "warehouse").getForObject("/api/products/CHAIR-OAK", JsonNode.class);
        assertThat(chair.get("price").decimalValue()).isPositive();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> placed = http.postForEntity("/api/orders", new HttpEntity<>("""
                {"orderId": "DEMO-1",
                 "customer": {"name": "Ada", "email": "ada@example.com", "locale": "de"},
                 "lines": [{"sku": "CHAIR-OAK", "quantity": 2}],
                 "shipPolicy": "PARTIAL",
                 "payment": {"token": "tok_visa"}}""", headers), JsonNode.class);
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // Capture is a step of its own after dispatch: wait for it too, not only for SHIPPED.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode shipped = http.getForObject("/api/orders/DEMO-1", JsonNode.class);
            return "SHIPPED".equals(shipped.get("status").asText())
                    && shipped.get("payment").get("captured").decimalValue().signum() > 0;
        });
        JsonNode order = http.getForObject("/api/orders/DEMO-1", JsonNode.class);
        assertThat(order.get("payment").get("captured").decimalValue())
                .isEqualByComparingTo(chair.get("price").decimalValue().multiply(java.math.BigDecimal.valueOf(2)));
        // Without spring.mail.host the shipment notice waits in the outbox, in the customer's language.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM notification_outbox WHERE order_id = 'DEMO-1' AND kind = 'SHIPPED' AND status = 'PENDING'")
                .query(Integer.class).single() == 1);
        assertThat(jdbc.sql("SELECT subject FROM notification_outbox WHERE order_id = 'DEMO-1'").query(String.class).single())
                .isEqualTo("Ihre Bestellung DEMO-1 ist unterwegs");

        // The report's SQL runs on H2 too (an alias H2 reserves once made it answer 500 here only).
        ResponseEntity<JsonNode> report = http.withBasicAuth("admin", "admin")
                .getForEntity("/api/reports/backorders", JsonNode.class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(report.getBody().get("reorderPoints").get("products").findValuesAsText("sku")).contains("CHAIR-OAK");
    }

    @Test
    void demoUsersCanLogIn() {
        assertThat(identity.checkPassword("admin", "admin")).isTrue();
        assertThat(identity.checkPassword("shop", "shop")).isTrue();
        assertThat(identity.checkPassword("warehouse", "warehouse")).isTrue();
        assertThat(identity.checkPassword("support", "support")).isTrue();
        assertThat(identity.createUserQuery().userId("admin").memberOfGroup("ops").count()).isEqualTo(1);
    }

    @Test
    void camundaWebappsAreServed() {
        ResponseEntity<String> tasklist = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        assertThat(tasklist.getStatusCode()).as(String.valueOf(tasklist.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(tasklist.getBody()).containsIgnoringCase("tasklist");
    }
}
