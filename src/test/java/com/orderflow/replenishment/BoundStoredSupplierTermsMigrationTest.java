package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.support.MigrationContext;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A supplier stored before its terms were bounded on write keeps its products' availability
 * failing until schema version 23 cuts its terms down; a term within the bound is left as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class BoundStoredSupplierTermsMigrationTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired BoundStoredSupplierTermsMigration migration;

    @BeforeEach
    void logIn() {
        http = http.withBasicAuth("admin", "admin");
    }

    @Test
    void aSupplierStoredWithAnEndlessLeadTimeIsCutToTheLongestTermAndItsProductsArePromisedAgain() throws Exception {
        String endless = "endless-" + UUID.randomUUID();
        String wide = "wide-" + UUID.randomUUID();
        String sku = "END-" + UUID.randomUUID().toString().substring(0, 8);
        storeAsBeforeTheBound(endless, "P999999999999D", "PT48H");
        storeAsBeforeTheBound(wide, "P5D", "P731D");
        http.put("/api/products/" + sku, Map.of("name", "Clock", "price", 80, "supplierId", endless));
        assertThat(availability(sku).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        try (Connection connection = dataSource.getConnection()) {
            migration.migrate(MigrationContext.on(connection));
        }

        JsonNode cut = http.getForObject("/api/suppliers/" + endless, JsonNode.class);
        assertThat(Duration.parse(cut.get("leadTime").asText())).isEqualTo(Duration.ofDays(730));
        assertThat(Duration.parse(cut.get("batchingWindow").asText())).isEqualTo(Duration.ofHours(48));
        JsonNode kept = http.getForObject("/api/suppliers/" + wide, JsonNode.class);
        assertThat(Duration.parse(kept.get("leadTime").asText())).isEqualTo(Duration.ofDays(5));
        assertThat(Duration.parse(kept.get("batchingWindow").asText())).isEqualTo(Duration.ofDays(730));
        ResponseEntity<JsonNode> promised = availability(sku);
        assertThat(promised.getStatusCode()).isEqualTo(HttpStatus.OK);
        // A minimum of one unit: an order placed now is ordered at once, so the lead time alone.
        assertThat(Instant.parse(promised.getBody().get("restockDate").asText()))
                .isAfter(Instant.now().plus(Duration.ofDays(729)))
                .isBefore(Instant.now().plus(Duration.ofDays(731)));
    }

    private void storeAsBeforeTheBound(String id, String leadTime, String batchingWindow) {
        jdbc.sql("""
                        INSERT INTO supplier (id, name, lead_time, min_order_quantity, batching_window, drop_ship,
                                              created_at, updated_at)
                        VALUES (?, 'Stored long ago', ?, 1, ?, FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .params(id, leadTime, batchingWindow).update();
    }

    private ResponseEntity<JsonNode> availability(String sku) {
        return http.getForEntity("/api/products/" + sku + "/availability", JsonNode.class);
    }
}
