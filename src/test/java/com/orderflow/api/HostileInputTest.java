package com.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A generated corpus of over a thousand malformed or hostile requests across every write endpoint
 * and the query parameters: wrong types, huge numbers and bodies, control characters and unicode,
 * SQL and expression fragments. None may produce a 5xx, and none refused with a 4xx may write a row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class HostileInputTest {

    static final List<String> HOSTILE_VALUES = List.of(
            "null", "\"\"", "\"   \"", "-1", "0", "1.5", "-0.0", "1e308", "99999999999999999999999", "\"NaN\"", "true",
            "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":{\"c\":[]}}}", "\"'; DROP TABLE orders; --\"", "\"${7*7}\"",
            "\"#{T(java.lang.Runtime).getRuntime()}\"", "\"\\u0000\\u0001\"", "\"𝕏𝕐ℤ🙂\"", "\"" + "x".repeat(10_000) + "\"",
            "\"2026-13-45\"", "\"P-5D\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"",
            "-2147483649", "2147483648", "\"1 OR 1=1\"", "\"\\\"\"", "\"\\n\\r\\t\"", "\"%s%n%x\"",
            "\"P999999999999D\"", "\"EUR'\"", "\"a\\u0000b\"");
    static final List<String> RAW_BODIES = List.of(
            "", "null", "[]", "{", "{\"a\":", "not json at all", "<xml/>", "\"just a string\"", "12345",
            "{\"lines\": [" + "{\"sku\":\"X\",\"quantity\":1},".repeat(5000) + "{}]}", "[".repeat(5000),
            "{\"" + "k".repeat(10_000) + "\": 1}");
    static final List<String> TABLES = List.of("orders", "order_line", "supplier", "product", "goods_receipt",
            "purchase_order", "backorder", "order_event", "payment", "allocation");

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;

    @Test
    void noHostileRequestGetsA5xxAndNoRefusedOneWritesAnything() {
        TestRestTemplate ops = http.withBasicAuth("admin", "admin");
        String sku = new TestCatalog(suppliers, products, stock, transaction).product("9.00", 5);
        List<Probe> corpus = corpus(sku);
        assertThat(corpus.size()).isGreaterThanOrEqualTo(1000);

        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (Probe probe : corpus) {
            Map<String, Object> before = counts();
            long onHandBefore = stock.find(sku).orElseThrow().onHand();
            ResponseEntity<String> answer = send(ops, probe);
            int status = answer.getStatusCode().value();
            if (status >= 500) {
                failures.add(status + " for " + probe.describe());
            } else if (status >= 400) {
                refused++;
                if (!before.equals(counts()) || onHandBefore != stock.find(sku).orElseThrow().onHand()) {
                    failures.add("refused with " + status + " but wrote rows: " + probe.describe());
                }
            }
        }

        System.out.printf("hostile input: %d requests, %d refused with 4xx, %d failed%n", corpus.size(), refused,
                failures.size());
        assertThat(failures).isEmpty();
        // Hostile but well-formed values (a name with SQL in it, say) are stored as data; most are refused.
        assertThat(refused).isGreaterThan(corpus.size() / 2);
    }

    private List<Probe> corpus(String sku) {
        Map<String, Map<String, String>> bodies = new LinkedHashMap<>();
        bodies.put("POST /api/orders", fields(
                "orderId", "\"H-1\"", "customer", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"locale\":\"de\"}",
                "lines", "[{\"sku\":\"" + sku + "\",\"quantity\":1}]", "shipPolicy", "\"PARTIAL\"",
                "priority", "1", "payment", "{\"token\":\"tok_visa\"}"));
        bodies.put("POST /api/inventory/receipts", fields("sku", "\"" + sku + "\"", "quantity", "2",
                "purchaseOrderId", "\"PO-NONE\""));
        bodies.put("PUT /api/inventory/" + sku, fields("onHand", "5"));
        bodies.put("PUT /api/suppliers/hostile-supplier", fields("name", "\"S\"", "leadTime", "\"P3D\"",
                "minOrderQuantity", "1", "batchingWindow", "\"PT0S\"", "dropShip", "false"));
        bodies.put("PUT /api/products/HOSTILE-SKU", fields("name", "\"P\"", "price", "10", "currency", "\"EUR\"",
                "supplierId", "\"test-supplier\"", "backorderPolicy", "\"ALLOW\""));
        bodies.put("POST /api/purchase-orders/PO-NONE/confirmation", fields("eta", "\"2030-01-01\""));
        bodies.put("POST /api/purchase-orders/PO-NONE/delay", fields("newEta", "\"2030-01-01\"", "reason", "\"late\""));
        bodies.put("POST /api/purchase-orders/PO-NONE/close", fields("reason", "\"discontinued\""));
        bodies.put("POST /api/purchase-orders/PO-NONE/dispatch", fields("trackingNumber", "\"TRK-1\""));
        List<Probe> corpus = new ArrayList<>();
        bodies.forEach((endpoint, valid) -> {
            String[] methodAndPath = endpoint.split(" ");
            HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
            for (String field : valid.keySet()) {
                for (String hostile : HOSTILE_VALUES) {
                    Map<String, String> mutated = new LinkedHashMap<>(valid);
                    mutated.put(field, hostile);
                    corpus.add(new Probe(method, methodAndPath[1], json(mutated), field + "=" + abbreviate(hostile)));
                }
                Map<String, String> missing = new LinkedHashMap<>(valid);
                missing.remove(field);
                corpus.add(new Probe(method, methodAndPath[1], json(missing), "without " + field));
            }
            for (String raw : RAW_BODIES) {
                corpus.add(new Probe(method, methodAndPath[1], raw, "raw " + abbreviate(raw)));
                corpus.add(new Probe(method, methodAndPath[1], raw, "raw as text/plain " + abbreviate(raw), "text/plain"));
            }
        });
        for (String hostile : HOSTILE_VALUES) {
            corpus.add(order(sku, "{\"name\":" + hostile + ",\"email\":\"ada@example.com\"}", "1", "\"" + sku + "\"",
                    "\"tok_visa\"", "customer.name=" + abbreviate(hostile)));
            corpus.add(order(sku, "{\"name\":\"Ada\",\"email\":" + hostile + "}", "1", "\"" + sku + "\"",
                    "\"tok_visa\"", "customer.email=" + abbreviate(hostile)));
            corpus.add(order(sku, "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"locale\":" + hostile + "}", "1",
                    "\"" + sku + "\"", "\"tok_visa\"", "customer.locale=" + abbreviate(hostile)));
            corpus.add(order(sku, "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", hostile, "\"" + sku + "\"",
                    "\"tok_visa\"", "lines[0].quantity=" + abbreviate(hostile)));
            corpus.add(order(sku, "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", "1", hostile,
                    "\"tok_visa\"", "lines[0].sku=" + abbreviate(hostile)));
            corpus.add(order(sku, "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", "1", "\"" + sku + "\"",
                    hostile, "payment.token=" + abbreviate(hostile)));
        }
        for (String hostile : List.of("x%00y", "%24%7B7*7%7D", "..%2F..%2Fetc", "%F0%9F%99%82", "A".repeat(300), "'%20OR%201=1")) {
            corpus.add(new Probe(HttpMethod.GET, "/api/orders/" + hostile, null, "order id " + hostile));
            corpus.add(new Probe(HttpMethod.POST, "/api/orders/" + hostile + "/cancel", null, "cancel " + hostile));
            corpus.add(new Probe(HttpMethod.GET, "/api/products/" + hostile + "/availability", null, "availability " + hostile));
            corpus.add(new Probe(HttpMethod.GET, "/api/purchase-orders?status=" + hostile, null, "status " + hostile));
            corpus.add(new Probe(HttpMethod.GET, "/api/reports/backorders?from=" + hostile, null, "from " + hostile));
            corpus.add(new Probe(HttpMethod.GET, "/api/reports/payments?to=" + hostile, null, "payments to " + hostile));
        }
        return corpus;
    }

    /** PostgreSQL refuses the NUL character in text: a SKU ending in one failed the order with a 500. */
    @Test
    void aTextWithTheNulCharacterIsRefusedNamingItsField() {
        String sku = new TestCatalog(suppliers, products, stock, transaction).product("9.00", 5);
        Map<String, Object> before = counts();

        ResponseEntity<String> answer = send(http.withBasicAuth("admin", "admin"), order(sku,
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}", "1", "\"" + sku + "\\u0000\"", "\"tok_visa\"", "nul"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("\"field\":\"lines[0].sku\"").contains("must not hold the NUL character");
        assertThat(counts()).isEqualTo(before);
    }

    /** Half a surrogate pair is valid JSON but no UTF-8: the name was stored and read back as "Ada?". */
    @Test
    void aTextWithHalfASurrogatePairIsRefusedNamingItsField() {
        String sku = new TestCatalog(suppliers, products, stock, transaction).product("9.00", 5);
        Map<String, Object> before = counts();

        ResponseEntity<String> lone = send(http.withBasicAuth("admin", "admin"), order(sku,
                "{\"name\":\"Ada\\uD83D\",\"email\":\"ada@example.com\"}", "1", "\"" + sku + "\"", "\"tok_visa\"", "lone"));

        assertThat(lone.getStatusCode().value()).isEqualTo(400);
        assertThat(lone.getBody()).contains("\"field\":\"customer.name\"").contains("half of a surrogate pair");
        assertThat(counts()).isEqualTo(before);
        ResponseEntity<String> paired = send(http.withBasicAuth("admin", "admin"), order(sku,
                "{\"name\":\"Ada \\uD83D\\uDE42\",\"email\":\"ada@example.com\"}", "1", "\"" + sku + "\"", "\"tok_visa\"", "pair"));
        assertThat(paired.getStatusCode().value()).as("a whole pair is an emoji").isEqualTo(201);
    }

    /**
     * A body over the API's limit is refused before anything parses it, with or without a declared length: a
     * 6 MB order was parsed to its end for a 400 on its line count, a 30 MB name was called malformed JSON.
     */
    @Test
    void aBodyOverTheLimitIsTooLargeAndWritesNothing() throws Exception {
        Map<String, Object> before = counts();
        String huge = "{\"orderId\":\"BIG-1\",\"customer\":{\"name\":\"" + "A".repeat(2 * 1024 * 1024)
                + "\",\"email\":\"ada@example.com\"},\"lines\":[],\"payment\":{\"token\":\"tok_visa\"}}";

        ResponseEntity<String> declared = send(http.withBasicAuth("admin", "admin"),
                new Probe(HttpMethod.POST, "/api/orders", huge, "2 MB order"));
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(http.getRootUri() + "/api/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.getStatusCode().value()).isEqualTo(413);
        assertThat(declared.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(chunked.statusCode()).as("no length given").isEqualTo(413);
        assertThat(counts()).isEqualTo(before);
    }

    /** An order whose nested fields carry the hostile value; the order id keeps it from being a repeat. */
    private static Probe order(String sku, String customer, String quantity, String lineSku, String token, String what) {
        String body = "{\"orderId\":\"H-" + java.util.UUID.randomUUID() + "\",\"customer\":" + customer
                + ",\"lines\":[{\"sku\":" + lineSku + ",\"quantity\":" + quantity + "}],\"payment\":{\"token\":" + token + "}}";
        return new Probe(HttpMethod.POST, "/api/orders", body, what);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static String json(Map<String, String> fields) {
        List<String> members = new ArrayList<>();
        fields.forEach((name, value) -> members.add("\"" + name + "\":" + value));
        return "{" + String.join(",", members) + "}";
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + " chars)" : value;
    }

    private Map<String, Object> counts() {
        String sql = "SELECT " + String.join(", ", TABLES.stream()
                .map(table -> "(SELECT COUNT(*) FROM " + table + ") AS " + table).toList());
        return jdbc.sql(sql).query().singleRow();
    }

    private static ResponseEntity<String> send(TestRestTemplate client, Probe probe) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(probe.contentType()));
        return client.exchange(URI.create(client.getRootUri() + probe.path()), probe.method(),
                new HttpEntity<>(probe.body(), headers), String.class);
    }

    record Probe(HttpMethod method, String path, String body, String what, String contentType) {

        Probe(HttpMethod method, String path, String body, String what) {
            this(method, path, body, what, MediaType.APPLICATION_JSON_VALUE);
        }

        String describe() {
            return method + " " + path + " " + what;
        }
    }
}
