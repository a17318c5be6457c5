package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The money report over a seeded ledger of March 2025 (no other test books money then), its sums worked out here by
 * hand: an accountant reconciles it with the payment provider's statement of the month, currency by currency.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class PaymentReportTest {

    static final String MARCH = "/api/reports/payments?from=2025-03-01&to=2025-03-31";

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void seed() {
        http = http.withBasicAuth("admin", "admin");
        if (jdbc.sql("SELECT COUNT(*) FROM payment_operation WHERE idempotency_key LIKE 'payrep:%'").query(Integer.class).single() > 0) {
            return;
        }
        String euro = order("EUR");
        operation(euro, "AUTHORIZE", "100.00", "EUR", "2025-03-02T09:00:00Z");
        operation(euro, "CAPTURE", "60.00", "EUR", "2025-03-05T09:00:00Z");
        operation(euro, "CAPTURE", "40.00", "EUR", "2025-03-31T21:30:00Z");
        // 2025-04-01 00:30 in the shop's zone (Europe/Berlin, summer time): April's.
        operation(euro, "REFUND", "10.00", "EUR", "2025-03-31T22:30:00Z");
        // 2025-02-28 23:59 in the shop's zone (winter time): February's.
        operation(euro, "VOID", "5.00", "EUR", "2025-02-28T22:59:00Z");
        String yen = order("JPY");
        operation(yen, "AUTHORIZE", "1200.00", "JPY", "2025-03-10T09:00:00Z");
        operation(yen, "CAPTURE", "1200.00", "JPY", "2025-03-11T09:00:00Z");
    }

    @Test
    void sumsTheMonthsOperationsPerCurrencyAndKindInTheShopsDays() {
        ResponseEntity<JsonNode> answer = http.getForEntity(MARCH, JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> totals = new ArrayList<>();
        answer.getBody().get("totals").forEach(total -> totals.add(total.get("currency").asText() + " "
                + total.get("kind").asText() + " " + total.get("operations").asInt() + " " + total.get("amount").decimalValue()
                .setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()));
        assertThat(totals).containsExactly("EUR AUTHORIZE 1 100.00", "EUR CAPTURE 2 100.00",
                "JPY AUTHORIZE 1 1200.00", "JPY CAPTURE 1 1200.00");
        assertThat(answer.getBody().get("period").get("from").asText()).isEqualTo("2025-02-28T23:00:00Z");
        assertThat(answer.getBody().get("period").get("to").asText()).isEqualTo("2025-03-31T22:00:00Z");
    }

    @Test
    void aParameterItDoesNotTakeOrAnEmptyPeriodIsABadRequestNamingIt() {
        ResponseEntity<JsonNode> currency = http.getForEntity(MARCH + "&currency=EUR", JsonNode.class);
        ResponseEntity<JsonNode> backwards = http.getForEntity("/api/reports/payments?from=2025-03-31&to=2025-03-01", JsonNode.class);

        assertThat(currency.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(currency.getBody().toString()).contains("currency");
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.getBody().toString()).contains("to");
        assertThat(http.withBasicAuth("shop", "shop").getForEntity(MARCH, String.class).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.UNAUTHORIZED);
    }

    private String order(String currency) {
        String id = "PAYREP-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO orders (id, status, customer_name, customer_email, customer_locale, ship_policy,
                                            payment_token, currency, total, request_hash, created_at, updated_at)
                        VALUES (?, 'SHIPPED', 'Ada', 'ada@example.com', 'en', 'PARTIAL', 'tok_visa', ?, 0, 'seed', ?, ?)""")
                .params(id, currency, Instant.parse("2025-03-01T09:00:00Z").atOffset(ZoneOffset.UTC),
                        Instant.parse("2025-03-01T09:00:00Z").atOffset(ZoneOffset.UTC)).update();
        return id;
    }

    private void operation(String orderId, String kind, String amount, String currency, String at) {
        jdbc.sql("""
                        INSERT INTO payment_operation (idempotency_key, order_id, kind, amount, gateway_reference, at, currency)
                        VALUES (?, ?, ?, ?, 'seed', ?, ?)""")
                .params("payrep:" + UUID.randomUUID(), orderId, kind, new java.math.BigDecimal(amount),
                        Instant.parse(at).atOffset(ZoneOffset.UTC), currency).update();
    }
}
