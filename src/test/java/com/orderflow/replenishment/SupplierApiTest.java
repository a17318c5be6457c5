package com.orderflow.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.support.LockRace;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Suppliers over HTTP: each field takes its own JSON type, and durations stay within what an ETA can hold. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class SupplierApiTest {

    @Autowired TestRestTemplate http;
    @Autowired SupplierRepository suppliers;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void logIn() {
        http = http.withBasicAuth("admin", "admin");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // A number is not a duration: 5 would have been five seconds, not five days.
            "leadTime | 5",
            "leadTime | 1.5",
            "leadTime | \"\"",
            "leadTime | \"5 days\"",
            "leadTime | \"P731D\"",
            "leadTime | \"P105W\"",
            "leadTime | \"P1M\"",
            "leadTime | \"P999999999999D\"",
            "batchingWindow | 0",
            "batchingWindow | \"\"",
            "batchingWindow | \"P731D\"",
            "batchingWindow | \"P999999999999D\"",
            "dropShip | 0",
            "dropShip | 7",
            "dropShip | \"true\"",
            "dropShip | \"\"",
            "minOrderQuantity | \"\"",
            // An explicit null read as "keep what the supplier has" where the client meant the default.
            "minOrderQuantity | null",
            "batchingWindow | null",
            "dropShip | null",
            "minOrderQuantity | \"   \""})
    void aFieldGivenAValueOfTheWrongTypeOrSizeIsRefusedByNameAndNoSupplierIsWritten(String field, String value) {
        String id = "bad-" + UUID.randomUUID();
        String body = "{\"name\": \"Nordic\", \"leadTime\": \"P5D\", \"" + field + "\": " + value + "}";

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/suppliers/" + id, body);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(send(HttpMethod.GET, "/api/suppliers/" + id, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theLongestLeadTimeIsTakenAndAProductOfThatSupplierIsPromisedThatFarAhead() {
        String id = "slow-" + UUID.randomUUID();
        String sku = "SLOW-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<JsonNode> supplier = send(HttpMethod.PUT, "/api/suppliers/" + id,
                "{\"name\": \"Slow\", \"leadTime\": \"P730D\", \"batchingWindow\": \"P730D\", \"dropShip\": false}");
        send(HttpMethod.PUT, "/api/products/" + sku, "{\"name\": \"Clock\", \"price\": 80, \"supplierId\": \"" + id + "\"}");
        ResponseEntity<JsonNode> availability = send(HttpMethod.GET, "/api/products/" + sku + "/availability", null);

        assertThat(supplier.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(supplier.getBody().get("leadTime").asText()).as("as the merchant wrote it").isEqualTo("P730D");
        assertThat(availability.getStatusCode()).isEqualTo(HttpStatus.OK);
        Instant restock = Instant.parse(availability.getBody().get("restockDate").asText());
        assertThat(restock).isAfter(Instant.now().plus(Duration.ofDays(729)));
    }

    @Test
    void durationsReadBackAsTheMerchantWroteThem() {
        String id = "terms-" + UUID.randomUUID();

        send(HttpMethod.PUT, "/api/suppliers/" + id,
                "{\"name\": \"Terms\", \"leadTime\": \"PT36H\", \"batchingWindow\": \"P2D\"}");
        JsonNode supplier = send(HttpMethod.GET, "/api/suppliers/" + id, null).getBody();

        assertThat(supplier.get("leadTime").asText()).isEqualTo("PT36H");
        assertThat(supplier.get("batchingWindow").asText()).as("not PT48H").isEqualTo("P2D");
    }

    @Test
    void aLeadTimeInWeeksIsReadAsSevenDaysAWeek() {
        String id = "weeks-" + UUID.randomUUID();

        ResponseEntity<JsonNode> supplier = send(HttpMethod.PUT, "/api/suppliers/" + id,
                "{\"name\": \"Weekly\", \"leadTime\": \"P2W\", \"batchingWindow\": \"P1W\"}");

        assertThat(supplier.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(supplier.getBody().get("leadTime").asText()).isEqualTo("P14D");
        assertThat(supplier.getBody().get("batchingWindow").asText()).isEqualTo("P7D");
    }

    /**
     * An update that leaves optional fields out keeps them: a rename turned a yen product into euros at the same
     * number, a product taking no backorders into one that does, and a drop-ship supplier into a warehouse one.
     */
    @Test
    void anUpdateLeavingFieldsOutKeepsWhatTheyWere() {
        String id = "drop-" + UUID.randomUUID();
        String sku = "YEN-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpMethod.PUT, "/api/suppliers/" + id, """
                {"name": "Drop", "leadTime": "P3D", "minOrderQuantity": 5, "batchingWindow": "P1D", "dropShip": true}""");
        send(HttpMethod.PUT, "/api/products/" + sku, """
                {"name": "Bowl", "price": 1200, "currency": "JPY", "supplierId": "%s", "backorderPolicy": "DENY"}""".formatted(id));

        ResponseEntity<JsonNode> supplier = send(HttpMethod.PUT, "/api/suppliers/" + id, "{\"name\": \"Drop renamed\", \"leadTime\": \"P4D\"}");
        ResponseEntity<JsonNode> product = send(HttpMethod.PUT, "/api/products/" + sku,
                "{\"name\": \"Bowl renamed\", \"price\": 1300, \"supplierId\": \"" + id + "\"}");

        assertThat(supplier.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode terms = send(HttpMethod.GET, "/api/suppliers/" + id, null).getBody();
        assertThat(terms.get("name").asText()).isEqualTo("Drop renamed");
        assertThat(terms.get("leadTime").asText()).isEqualTo("P4D");
        assertThat(terms.get("dropShip").asBoolean()).isTrue();
        assertThat(terms.get("minOrderQuantity").asInt()).isEqualTo(5);
        assertThat(terms.get("batchingWindow").asText()).isEqualTo("P1D");
        assertThat(product.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode bowl = send(HttpMethod.GET, "/api/products/" + sku, null).getBody();
        assertThat(bowl.get("price").decimalValue()).isEqualByComparingTo("1300");
        assertThat(bowl.get("currency").asText()).isEqualTo("JPY");
        assertThat(bowl.get("backorderPolicy").asText()).isEqualTo("DENY");
    }

    /** Two bodies sent as one placed the first and dropped the second without a word. */
    @Test
    void anythingAfterTheBodyIsRefused() {
        String id = "trail-" + UUID.randomUUID();
        ResponseEntity<JsonNode> refused = send(HttpMethod.PUT, "/api/suppliers/" + id,
                "{\"name\": \"One\", \"leadTime\": \"P3D\"}{\"name\": \"Two\", \"leadTime\": \"P3D\"}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(send(HttpMethod.GET, "/api/suppliers/" + id, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** As for a product: the same new supplier put twice at the same moment answered 500 to the second. */
    @Test
    void aNewSupplierPutAgainWhileItIsBeingCreatedIsUpdatedNotRefused() throws Exception {
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<JsonNode> second = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> suppliers.save(new Supplier(id, "First", Duration.ofDays(5), 1, Duration.ZERO, false)),
                () -> send(HttpMethod.PUT, "/api/suppliers/" + id, "{\"name\": \"Second\", \"leadTime\": \"P3D\"}"),
                () -> { });

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(suppliers.find(id).orElseThrow().name()).isEqualTo("Second");
        assertThat(suppliers.find(id).orElseThrow().leadTime()).isEqualTo(Duration.ofDays(3));
    }

    /** A purchaser reviewing who delivers late read a supplier's learned lateness nowhere but in the reorder points. */
    @Test
    void theSupplierListShowsWhatEachSuppliersHistoryTaught() {
        String late = "late-" + UUID.randomUUID();
        String early = "early-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        send(HttpMethod.PUT, "/api/suppliers/" + late, "{\"name\": \"Late\", \"leadTime\": \"P5D\"}");
        send(HttpMethod.PUT, "/api/suppliers/" + early, "{\"name\": \"Early\", \"leadTime\": \"P10D\"}");
        send(HttpMethod.PUT, "/api/suppliers/" + fresh, "{\"name\": \"Fresh\", \"leadTime\": \"P3D\"}");
        for (long days : new long[] {1, 2, 4}) {
            delivered(late, Duration.ofDays(days));
            // Delivered the moment it was ordered, ten days early to the second, give or take.
            delivered(early, Duration.ofDays(-10).plusSeconds(days * 3));
        }

        JsonNode all = send(HttpMethod.GET, "/api/suppliers", null).getBody();

        JsonNode lateOne = find(all, late);
        assertThat(lateOne.get("name").asText()).isEqualTo("Late");
        assertThat(lateOne.get("leadTime").asText()).isEqualTo("P5D");
        assertThat(lateOne.get("typicalLateness").asText()).as("the median of 1, 2 and 4 days").isEqualTo("P2D");
        assertThat(lateOne.get("deliveries").asInt()).isEqualTo(3);
        JsonNode freshOne = find(all, fresh);
        assertThat(freshOne.get("typicalLateness").isNull()).as("nothing to learn from yet").isTrue();
        assertThat(freshOne.get("deliveries").asInt()).isZero();
        assertThat(find(all, early).get("typicalLateness").asText()).as("to the minute, one minus").isEqualTo("-P10D");
        assertThat(send(HttpMethod.GET, "/api/suppliers/" + late, null).getBody().get("typicalLateness").asText())
                .isEqualTo("P2D");
        assertThat(send(HttpMethod.PUT, "/api/suppliers/" + late, "{\"name\": \"Late\", \"leadTime\": \"P6D\"}").getBody()
                .get("deliveries").asInt()).as("the answer to a change reads as the supplier does").isEqualTo(3);
        ResponseEntity<JsonNode> filtered = send(HttpMethod.GET, "/api/suppliers?dropShip=true", null);
        assertThat(filtered.getStatusCode()).as("a filter it does not take").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(filtered.getBody().toString()).contains("dropShip");
    }

    private void delivered(String supplier, Duration lateness) {
        Instant promised = Instant.parse("2026-03-02T08:00:00Z");
        String purchaseOrder = "PO-HIST-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO purchase_order (id, supplier_id, status, window_closes_at, created_at) VALUES (?, ?, 'RECEIVED', ?, ?)")
                .params(purchaseOrder, supplier, promised.atOffset(java.time.ZoneOffset.UTC),
                        promised.atOffset(java.time.ZoneOffset.UTC)).update();
        jdbc.sql("""
                        INSERT INTO supplier_delivery (purchase_order_id, supplier_id, promised_eta, received_at, lateness_seconds)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(purchaseOrder, supplier, promised.atOffset(java.time.ZoneOffset.UTC),
                        promised.plus(lateness).atOffset(java.time.ZoneOffset.UTC), lateness.toSeconds()).update();
    }

    private static JsonNode find(JsonNode suppliers, String id) {
        for (JsonNode supplier : suppliers) {
            if (supplier.get("id").asText().equals(id)) {
                return supplier;
            }
        }
        throw new AssertionError("no supplier " + id + " in the list");
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
