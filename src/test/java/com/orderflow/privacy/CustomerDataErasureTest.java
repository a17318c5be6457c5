package com.orderflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.payment.PaymentService;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/**
 * A finished order's customer data: erased by ops on the customer's request, or after the retention period.
 * Nothing removed it: name, e-mail address and every e-mail's text stayed for ever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "orderflow.demo.data=true")
@ActiveProfiles("test")
class CustomerDataErasureTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired HistoryService history;
    @Autowired CustomerDataErasure erasure;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;
    @Autowired Timeline timeline;
    @Autowired PaymentService payments;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(suppliers, products, stock, transaction);
    }

    @Test
    void opsEraseAShippedOrdersCustomerDataAndWhatWasShippedAndChargedStays() {
        String chair = catalog.product("149.00", 5);
        String orderId = "E-" + UUID.randomUUID();
        assertThat(post(http.withBasicAuth("shop", "shop"), "/api/orders", order(orderId, chair, 1)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(status(orderId)) && notices(orderId) > 0
                && !history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).finished().list().isEmpty());
        // Entries as ops' decision in Tasklist and a mail server's refusal write them.
        timeline.record(orderId, TimelineType.OPS_DECIDED, Map.of("task", "Resolve delayed backorder",
                "decision", "KEEP_WAITING", "note", "Ada Customer called from +49 170 1234567", "by", "admin"), null);
        timeline.record(orderId, TimelineType.NOTICE_FAILED, Map.of("kind", "SHIPPED",
                "reason", "550 5.1.1 <a***@example.com>: Recipient address rejected"), null);
        timeline.record(orderId, TimelineType.ETA_CHANGED, Map.of("sku", chair,
                "reason", "ops: Ada Customer's neighbour at no. 7 takes the parcel"), null);
        timeline.record(orderId, TimelineType.ETA_CHANGED, Map.of("sku", chair, "reason", "sawmill closed for inventory"), null);

        assertThat(post(http.withBasicAuth("shop", "shop"), "/api/orders/" + orderId + "/erasure", "").getStatusCode())
                .as("the shop places orders; erasing is for ops").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> erased = post(http.withBasicAuth("admin", "admin"), "/api/orders/" + orderId + "/erasure", "");

        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        Instant erasedAt = Instant.parse(erased.getBody().get("erasedAt").asText());
        JsonNode view = http.withBasicAuth("admin", "admin").getForObject("/api/orders/" + orderId, JsonNode.class);
        assertThat(view.get("customer").get("name").asText()).isEqualTo("(erased)");
        assertThat(view.get("customer").get("email").asText()).isEqualTo("(erased)");
        assertThat(view.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(view.get("payment").get("captured").decimalValue()).isEqualByComparingTo("149.00");
        assertThat(jdbc.sql("SELECT recipient || '|' || COALESCE(recipient_name, '') || '|' || body_text || '|' || body_html"
                + " FROM notification_outbox WHERE order_id = ?").param(orderId).query(String.class).list())
                .isNotEmpty().allMatch("(erased)|||"::equals);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).list())
                .as("the engine's history held the customer as a variable").isEmpty();
        assertThat(erasedEntries(orderId)).as("who erased it, and on what basis").singleElement().asString()
                .contains("\"basis\":\"ORDER_REQUEST\"", "\"by\":\"admin\"");
        JsonNode entries = http.withBasicAuth("admin", "admin").getForObject("/api/orders/" + orderId + "/timeline", JsonNode.class);
        assertThat(entries.toString()).doesNotContain("+49 170", "example.com", "neighbour")
                .contains("KEEP_WAITING", "\"by\":\"admin\"", "ops: (erased)", "sawmill closed for inventory");
        assertThat(post(http.withBasicAuth("shop", "shop"), "/api/orders", order(orderId, chair, 1)).getStatusCode())
                .as("the placing request's fingerprint went with the data it was taken over")
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(jdbc.sql("SELECT request_hash FROM orders WHERE id = ?").param(orderId).query(String.class).single())
                .doesNotMatch("[0-9a-f]{64}");

        ResponseEntity<JsonNode> again = post(http.withBasicAuth("admin", "admin"), "/api/orders/" + orderId + "/erasure", "");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Instant.parse(again.getBody().get("erasedAt").asText())).as("erased once").isEqualTo(erasedAt);
    }

    @Test
    void anOrderStillToShipKeepsItsDataAndFinishedOrdersLoseItAfterTheRetentionPeriod() {
        String table = catalog.product("500.00", 0);
        String waiting = "E-" + UUID.randomUUID();
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(waiting, table, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "BACKORDERED".equals(status(waiting)));

        ResponseEntity<JsonNode> refused = post(http.withBasicAuth("admin", "admin"), "/api/orders/" + waiting + "/erasure", "");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().toString()).contains("BACKORDERED");
        assertThat(customerName(waiting)).isEqualTo("Ada Customer");

        String lamp = catalog.product("40.00", 5);
        String shipped = "E-" + UUID.randomUUID();
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(shipped, lamp, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(status(shipped)));
        Instant finished = jdbc.sql("SELECT updated_at FROM orders WHERE id = ?").param(shipped)
                .query(java.time.OffsetDateTime.class).single().toInstant();

        erasure.eraseFinishedBefore(finished.minusSeconds(1));
        assertThat(customerName(shipped)).as("finished after the cut").isEqualTo("Ada Customer");
        erasure.eraseFinishedBefore(finished.plusSeconds(1));
        assertThat(customerName(shipped)).isEqualTo("(erased)");
        assertThat(erasedEntries(shipped)).singleElement().asString().contains("\"basis\":\"RETENTION\"").doesNotContain("\"by\"");
        assertThat(customerName(waiting)).as("still to ship").isEqualTo("Ada Customer");
    }

    /** A customer asking to be forgotten is known by their e-mail address, not by order numbers. */
    @Test
    void aCustomersFinishedOrdersAreErasedByTheirEmailAddressAndTheOpenOnesNamed() {
        String email = "bea-" + UUID.randomUUID() + "@example.com";
        String table = catalog.product("500.00", 0);
        String lamp = catalog.product("40.00", 5);
        String waiting = "E-" + UUID.randomUUID();
        String shipped = "E-" + UUID.randomUUID();
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(waiting, table, 1, email));
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(shipped, lamp, 1, email));
        await().atMost(Duration.ofSeconds(30)).until(() -> "BACKORDERED".equals(status(waiting)) && "SHIPPED".equals(status(shipped)));

        ResponseEntity<JsonNode> answer = post(http.withBasicAuth("admin", "admin"), "/api/customers/erasure",
                "{\"email\":\"" + email.toUpperCase() + "\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("erased").toString()).isEqualTo("[\"" + shipped + "\"]");
        assertThat(answer.getBody().get("stillOpen").toString()).isEqualTo("[\"" + waiting + "\"]");
        assertThat(customerName(shipped)).isEqualTo("(erased)");
        assertThat(erasedEntries(shipped)).singleElement().asString()
                .contains("\"basis\":\"CUSTOMER_REQUEST\"", "\"by\":\"admin\"");
        assertThat(customerName(waiting)).isEqualTo("Ada Customer");
        assertThat(post(http.withBasicAuth("shop", "shop"), "/api/customers/erasure", "{\"email\":\"" + email + "\"}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(http.withBasicAuth("admin", "admin"), "/api/customers/erasure", "{}").getBody().toString())
                .contains("email");
    }

    /**
     * What a held order's cancellation leaves when its drop-ship parcel had left (AuthorizationRenewalProcessTest
     * drives that path): goods the customer has not paid for. Ops need the address to collect it, and say when they
     * have.
     */
    @Test
    void aParcelLeftUnpaidKeepsTheCustomerDataUntilOpsSettleIt() {
        String lamp = catalog.product("40.00", 5);
        String orderId = "E-" + UUID.randomUUID();
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(orderId, lamp, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(status(orderId))
                && !history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).finished().list().isEmpty());
        String settlement = "/api/orders/" + orderId + "/payment/unpaid-settlement";
        assertThat(post(http.withBasicAuth("admin", "admin"), settlement, "{\"outcome\":\"COLLECTED\",\"note\":\"paid\"}")
                .getStatusCode()).as("nothing was left unpaid").isEqualTo(HttpStatus.CONFLICT);
        transaction.executeWithoutResult(status -> payments.leaveUnpaid(orderId, orderId + "-S9", new BigDecimal("12.50")));

        ResponseEntity<JsonNode> refused = post(http.withBasicAuth("admin", "admin"), "/api/orders/" + orderId + "/erasure", "");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().toString()).contains("12.50 EUR unpaid", "unpaid-settlement");
        erasure.eraseFinishedBefore(Instant.now().plusSeconds(60));
        assertThat(customerName(orderId)).as("nor by the retention period").isEqualTo("Ada Customer");
        assertThat(post(http.withBasicAuth("shop", "shop"), settlement, "{\"outcome\":\"COLLECTED\",\"note\":\"paid\"}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> withoutOutcome = post(http.withBasicAuth("admin", "admin"), settlement, "{\"note\":\"paid\"}");
        assertThat(withoutOutcome.getStatusCode()).as("collected or written off: the books need to know")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutOutcome.getBody().toString()).contains("outcome");
        assertThat(post(http.withBasicAuth("admin", "admin"), settlement, "{\"outcome\":\"PAID\",\"note\":\"x\"}")
                .getBody().toString()).contains("outcome", "COLLECTED", "WRITTEN_OFF");

        ResponseEntity<JsonNode> settled = post(http.withBasicAuth("admin", "admin"), settlement,
                "{\"outcome\":\"COLLECTED\",\"reference\":\"BT-4711\",\"note\":\"Ada Customer paid by bank transfer\"}");

        assertThat(settled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(settled.getBody().get("unpaid").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(settled.getBody().get("outcome").asText()).isEqualTo("COLLECTED");
        Instant settledAt = Instant.parse(settled.getBody().get("settledAt").asText());
        assertThat(Instant.parse(post(http.withBasicAuth("admin", "admin"), settlement,
                "{\"outcome\":\"COLLECTED\",\"note\":\"again\"}").getBody().get("settledAt").asText()))
                .as("settled once").isEqualTo(settledAt);
        ResponseEntity<JsonNode> otherOutcome = post(http.withBasicAuth("admin", "admin"), settlement,
                "{\"outcome\":\"WRITTEN_OFF\",\"note\":\"never mind\"}");
        assertThat(otherOutcome.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(otherOutcome.getBody().toString()).contains("settled as COLLECTED");
        assertThat(post(http.withBasicAuth("admin", "admin"), "/api/orders/" + orderId + "/erasure", "").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode payment = http.withBasicAuth("shop", "shop").getForObject("/api/orders/" + orderId, JsonNode.class).get("payment");
        assertThat(payment.get("unpaid").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(Instant.parse(payment.get("unpaidSettledAt").asText())).isEqualTo(settledAt);
        assertThat(payment.get("unpaidSettledAs").asText()).as("the books keep how it was settled").isEqualTo("COLLECTED");
        assertThat(payment.get("unpaidSettlementReference").asText()).isEqualTo("BT-4711");
        assertThat(http.withBasicAuth("admin", "admin").getForObject("/api/orders/" + orderId + "/timeline", String.class))
                .contains("UNPAID_SETTLED", "\"outcome\":\"COLLECTED\"", "\"reference\":\"BT-4711\"")
                .doesNotContain("Ada Customer");

        // The books reconcile the order's money with the provider's statement: its ids and the keys the calls carried.
        String ledger = "/api/orders/" + orderId + "/payment/operations";
        assertThat(http.withBasicAuth("support", "support").getForEntity(ledger, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode operations = http.withBasicAuth("admin", "admin").getForObject(ledger, JsonNode.class);
        assertThat(operations.findValuesAsText("kind")).containsExactly("AUTHORIZE", "CAPTURE", "LEFT_UNPAID", "UNPAID_SETTLED");
        JsonNode capture = operations.get(1);
        assertThat(capture.get("reference").asText()).as("the provider's id of the capture")
                .isEqualTo(jdbc.sql("SELECT response_id FROM sim_payment_ledger WHERE idempotency_key = ?")
                        .param(capture.get("idempotencyKey").asText()).query(String.class).single());
        assertThat(capture.get("amount").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(capture.get("currency").asText()).isEqualTo("EUR");
    }

    private String status(String orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = ?").param(orderId).query(String.class).optional().orElse(null);
    }

    /**
     * A refused capture can leave a parcel unpaid after ops settled an earlier one: the order read settled, dropped off
     * ops' list, and its customer's address, needed to collect the new debt, could be erased.
     */
    @Test
    void aParcelLeftUnpaidAfterASettlementIsOwedAgainAndSettledOnItsOwn() {
        String lamp = catalog.product("40.00", 5);
        String orderId = "E-" + UUID.randomUUID();
        post(http.withBasicAuth("shop", "shop"), "/api/orders", order(orderId, lamp, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SHIPPED".equals(status(orderId)));
        String settlement = "/api/orders/" + orderId + "/payment/unpaid-settlement";
        transaction.executeWithoutResult(status -> payments.leaveUnpaid(orderId, orderId + "-S8", new BigDecimal("12.50")));
        post(http.withBasicAuth("admin", "admin"), settlement, "{\"outcome\":\"COLLECTED\",\"note\":\"paid\"}");

        transaction.executeWithoutResult(status -> payments.leaveUnpaid(orderId, orderId + "-S9", new BigDecimal("5.00")));

        JsonNode payment = http.withBasicAuth("admin", "admin").getForObject("/api/orders/" + orderId, JsonNode.class).get("payment");
        assertThat(payment.get("unpaid").decimalValue()).isEqualByComparingTo("17.50");
        assertThat(payment.get("unpaidSettledAt").isNull()).as("owed again").isTrue();
        assertThat(post(http.withBasicAuth("admin", "admin"), "/api/orders/" + orderId + "/erasure", "").getStatusCode())
                .as("the address is needed to collect it").isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> writtenOff = post(http.withBasicAuth("admin", "admin"), settlement,
                "{\"outcome\":\"WRITTEN_OFF\",\"note\":\"not worth chasing\"}");
        assertThat(writtenOff.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(writtenOff.getBody().get("outcome").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(jdbc.sql("SELECT amount FROM payment_operation WHERE order_id = ? AND kind = 'UNPAID_SETTLED' ORDER BY amount")
                .param(orderId).query(BigDecimal.class).list()).as("each settlement what it settled")
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("5.00"), new BigDecimal("12.50"));
    }

    private List<String> erasedEntries(String orderId) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'ERASED'").param(orderId)
                .query(String.class).list();
    }

    private String customerName(String orderId) {
        return jdbc.sql("SELECT customer_name FROM orders WHERE id = ?").param(orderId).query(String.class).single();
    }

    private int notices(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE order_id = ?").param(orderId).query(Integer.class).single();
    }

    private static String order(String orderId, String sku, int quantity) {
        return order(orderId, sku, quantity, "ada.customer@example.com");
    }

    private static String order(String orderId, String sku, int quantity, String email) {
        return "{\"orderId\":\"" + orderId + "\",\"customer\":{\"name\":\"Ada Customer\",\"email\":\"" + email + "\"},"
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}],\"shipPolicy\":\"PARTIAL\","
                + "\"payment\":{\"token\":\"tok_visa\"}}";
    }

    private static ResponseEntity<JsonNode> post(TestRestTemplate as, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
