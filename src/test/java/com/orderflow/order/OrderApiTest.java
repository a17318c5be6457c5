package com.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

/** The order API over HTTP, with the engine's job executor running the process to its end. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrderApiTest {

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        http = http.withBasicAuth("admin", "admin");
    }

    @Test
    void placedInStockOrderShipsWithPaymentCapturedInFull() {
        String chair = catalog.product("149.00", 10);
        String lamp = catalog.product("89.50", 5);
        String orderId = "A-" + UUID.randomUUID();

        ResponseEntity<JsonNode> placed = post("/api/orders", orderBody(orderId, "tok_visa",
                line(chair, 2), line(lamp, 1)));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
        assertThat(placed.getBody().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(placed.getBody().get("total").decimalValue()).isEqualByComparingTo("387.50");

        JsonNode shipped = awaitOrder(orderId, o -> o.get("status").asText().equals("SHIPPED")
                && o.get("payment").get("captured").decimalValue().compareTo(o.get("total").decimalValue()) == 0);
        assertThat(shipped.get("payment").get("authorized").decimalValue()).isEqualByComparingTo("387.50");
        assertThat(shipped.get("payment").get("captured").decimalValue()).isEqualByComparingTo("387.50");
        assertThat(shipped.get("payment").get("refunded").decimalValue()).isEqualByComparingTo("0");
        assertThat(shipped.get("lines").get(0).get("shipped").asInt()).isEqualTo(2);
        assertThat(shipped.get("lines").get(1).get("shipped").asInt()).isEqualTo(1);
        assertThat(stock.find(chair).orElseThrow().onHand()).isEqualTo(8);
        assertThat(stock.find(lamp).orElseThrow().onHand()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(20)).until(() -> types(orderId).contains("NOTIFIED"));
        List<String> types = types(orderId);
        assertThat(types).containsSubsequence("ACCEPTED", "AUTHORIZED", "RESERVED", "SHIPPED", "CAPTURED", "NOTIFIED");
        JsonNode timeline = http.getForEntity("/api/orders/" + orderId + "/timeline", JsonNode.class).getBody();
        JsonNode notified = findEntry(timeline, "NOTIFIED");
        assertThat(notified.get("kind").asText()).isEqualTo("SHIPPED");
        assertThat(notified.get("at").asText()).isNotBlank();
        assertThat(findEntry(timeline, "SHIPPED").get("trackingNumber").asText()).isNotBlank();

        // The shop shows the parcel and its tracking on the order page, without reading the timeline.
        JsonNode parcels = http.getForEntity("/api/orders/" + orderId, JsonNode.class).getBody().get("parcels");
        assertThat(parcels).hasSize(1);
        JsonNode parcel = parcels.get(0);
        assertThat(parcel.get("status").asText()).isEqualTo("DISPATCHED");
        assertThat(parcel.get("fulfilment").asText()).isEqualTo("WAREHOUSE");
        assertThat(parcel.get("trackingNumber").asText()).isEqualTo(findEntry(timeline, "SHIPPED").get("trackingNumber").asText());
        assertThat(parcel.get("carrier").asText()).isNotBlank();
        assertThat(parcel.get("dispatchedAt").asText()).isNotBlank();
        assertThat(parcel.get("value").decimalValue()).isEqualByComparingTo("387.50");
        assertThat(parcel.get("charged").decimalValue()).isEqualByComparingTo("387.50");
        assertThat(parcel.get("lines").toString()).isEqualTo("[{\"sku\":\"" + chair + "\",\"quantity\":2},"
                + "{\"sku\":\"" + lamp + "\",\"quantity\":1}]");
    }

    /** A shop polling an order that waits for weeks fetched all of it each time; unchanged, it is a 304 now. */
    @Test
    void anUnchangedOrderAnswersNotModifiedToTheTagTheShopHolds() {
        String table = catalog.product("400.00", 0);
        String orderId = "E-" + UUID.randomUUID();
        post("/api/orders", orderBody(orderId, "tok_visa", line(table, 1)));
        awaitOrder(orderId, o -> o.get("status").asText().equals("BACKORDERED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> types(orderId).contains("NOTIFIED"));
        for (String path : List.of("/api/orders/" + orderId, "/api/orders/" + orderId + "/timeline")) {
            String tag = http.getForEntity(path, String.class).getHeaders().getETag();
            assertThat(tag).as(path).isNotBlank();

            ResponseEntity<String> again = ifNoneMatch(path, tag);

            assertThat(again.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(again.getBody()).as(path).isNull();
        }
        String tag = http.getForEntity("/api/orders/" + orderId, String.class).getHeaders().getETag();

        post("/api/orders/" + orderId + "/cancel", null);
        awaitOrder(orderId, o -> o.get("status").asText().equals("CANCELLED"));

        ResponseEntity<String> changed = ifNoneMatch("/api/orders/" + orderId, tag);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody()).contains("CANCELLED");
        assertThat(changed.getHeaders().getETag()).isNotBlank().isNotEqualTo(tag);
    }

    @Test
    void flakyPaymentProviderIsRetriedUntilTheOrderShips() {
        String sku = catalog.product("20.00", 3);
        String orderId = "F-" + UUID.randomUUID();

        post("/api/orders", orderBody(orderId, "tok_flaky", line(sku, 1)));

        JsonNode order = awaitOrder(orderId, o -> o.get("status").asText().equals("SHIPPED"));
        assertThat(order.get("payment").get("authorized").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE reference = ?").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void declinedPaymentEndsRejectedWithTheReasonOnTheTimeline() {
        String sku = catalog.product("20.00", 3);
        String orderId = "D-" + UUID.randomUUID();

        post("/api/orders", orderBody(orderId, "tok_declined", line(sku, 1)));

        JsonNode order = awaitOrder(orderId, o -> o.get("status").asText().equals("REJECTED"));
        assertThat(order.get("rejectReason").asText()).isEqualTo("PAYMENT_DECLINED");
        JsonNode timeline = http.getForEntity("/api/orders/" + orderId + "/timeline", JsonNode.class).getBody();
        assertThat(findEntry(timeline, "REJECTED").get("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(findEntry(timeline, "REJECTED").get("detail").asText()).as("what the shop tells the customer")
                .isEqualTo("the payment provider declined: card declined");
        assertThat(stock.find(sku).orElseThrow().reserved()).isZero();
    }

    @Test
    void orderBeyondStockIsAcceptedAsBackorderWithAnEta() {
        String sku = catalog.product("20.00", 1);
        String orderId = "S-" + UUID.randomUUID();

        post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 3)));

        JsonNode order = awaitOrder(orderId, o -> o.get("status").asText().equals("PARTIALLY_SHIPPED")
                && o.get("payment").get("captured").decimalValue().signum() > 0);
        assertThat(order.get("lines").get(0).get("shipped").asInt()).isEqualTo(1);
        assertThat(order.get("lines").get(0).get("backordered").asInt()).isEqualTo(2);
        assertThat(order.get("lines").get(0).get("eta").asText()).isNotBlank();
        assertThat(order.get("eta").asText()).isNotBlank();
        assertThat(order.get("etaBasis").asText()).isEqualTo("LEAD_TIME");
        assertThat(order.get("payment").get("authorized").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(order.get("payment").get("captured").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(order.get("parcels")).as("the unit in stock left; the rest is not a parcel yet").hasSize(1);
        assertThat(order.get("parcels").get(0).get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(order.get("parcels").get(0).get("charged").decimalValue()).isEqualByComparingTo("20.00");
    }

    @Test
    void sameOrderPlacedAgainAnswersTheExistingOrderOnce() {
        String sku = catalog.product("5.00", 10);
        String orderId = "I-" + UUID.randomUUID();
        String body = orderBody(orderId, "tok_visa", line(sku, 1));

        ResponseEntity<JsonNode> first = post("/api/orders", body);
        ResponseEntity<JsonNode> again = post("/api/orders", body);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("orderId").asText()).isEqualTo(orderId);
        assertThat(historicInstances(orderId)).isEqualTo(1);
        assertThat(count("orders", orderId)).isEqualTo(1);
    }

    @Test
    void sameOrderIdWithADifferentBodyIsAConflict() {
        String sku = catalog.product("5.00", 10);
        String orderId = "C-" + UUID.randomUUID();
        post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 1)));

        ResponseEntity<JsonNode> conflicting = post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 2)));

        assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflicting.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(awaitOrder(orderId, o -> true).get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
    }

    /** The fingerprint separates fields with line breaks and NULs: a token holding them passed for another body. */
    @Test
    void aBodyThatWouldReadAsAnotherOnesFingerprintIsRefused() {
        String first = catalog.product("10.00", 10);
        String second = catalog.product("10.00", 10);
        String orderId = "I-" + UUID.randomUUID();
        assertThat(post("/api/orders", orderBody(orderId, "tok_visa", line(first, 2), line(second, 1))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> forged = post("/api/orders",
                orderBody(orderId, "tok_visa\\n" + first + "\\u00002", line(second, 1)));

        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(forged.getBody().get("errors").findValuesAsText("field")).containsExactly("payment.token");
        assertThat(awaitOrder(orderId, o -> true).get("lines")).hasSize(2);
    }

    /**
     * A shop retrying after a timeout while the catalog changed (the product is now priced in another
     * currency) read 400 "priced in USD", though its order existed and would ship.
     */
    @Test
    void aRepeatIsAnsweredWithTheStoredOrderWhateverTheCatalogSaysToday() {
        String sku = catalog.product("5.00", 10);
        String orderId = "I-" + UUID.randomUUID();
        String body = orderBody(orderId, "tok_visa", line(catalog.product("5.00", 10), 1), line(sku, 1));
        assertThat(post("/api/orders", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        transaction.executeWithoutResult(status -> jdbc.sql("UPDATE product SET currency = 'USD' WHERE sku = ?").param(sku).update());

        ResponseEntity<JsonNode> again = post("/api/orders", body);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("orderId").asText()).isEqualTo(orderId);
        assertThat(again.getBody().get("currency").asText()).isEqualTo("EUR");
        ResponseEntity<JsonNode> changed = post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 3)));
        assertThat(changed.getStatusCode()).as("a different body is still refused").isIn(HttpStatus.CONFLICT, HttpStatus.BAD_REQUEST);
    }

    @Test
    void orderWithoutIdGetsOne() {
        String sku = catalog.product("5.00", 10);

        ResponseEntity<JsonNode> placed = post("/api/orders", orderBody(null, "tok_visa", line(sku, 1)));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String orderId = placed.getBody().get("orderId").asText();
        assertThat(orderId).isNotBlank();
        assertThat(http.getForEntity("/api/orders/" + orderId, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void cancelledBackorderAnswers202AndEndsCancelledWithItsAuthorizationVoided() {
        String sku = catalog.product("15.00", 0);
        String orderId = "K-" + UUID.randomUUID();
        post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 2)));
        awaitOrder(orderId, o -> o.get("status").asText().equals("BACKORDERED"));

        ResponseEntity<JsonNode> cancelled = post("/api/orders/" + orderId + "/cancel", null);

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode order = awaitOrder(orderId, o -> o.get("status").asText().equals("CANCELLED"));
        assertThat(order.get("lines").get(0).get("cancelled").asInt()).isEqualTo(2);
        assertThat(order.get("payment").get("voided").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(order.get("payment").get("captured").decimalValue()).isEqualByComparingTo("0");
        assertThat(post("/api/orders/" + orderId + "/cancel", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode requested = findEntry(http.getForEntity("/api/orders/" + orderId + "/timeline", JsonNode.class).getBody(),
                "CANCEL_REQUESTED");
        assertThat(requested.get("requestedBy").asText()).isEqualTo("API");
        assertThat(requested.get("user").asText()).as("the login that called the API").isEqualTo("admin");
    }

    @Test
    void cancellingAShippedOrderIsAConflict() {
        String sku = catalog.product("15.00", 3);
        String orderId = "L-" + UUID.randomUUID();
        post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 1)));
        awaitOrder(orderId, o -> o.get("status").asText().equals("SHIPPED"));

        ResponseEntity<JsonNode> refused = post("/api/orders/" + orderId + "/cancel", null);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(post("/api/orders/NO-SUCH-ORDER/cancel", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void unknownOrderIsNotFound() {
        ResponseEntity<JsonNode> missing = http.getForEntity("/api/orders/NOPE-1", JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** Support had to ask the customer for the order number: nothing found a customer's orders by their address. */
    @Test
    void aCustomersOrdersAreFoundByTheirAddressInAnyCaseNewestFirstAPageAtATime() {
        String chair = catalog.product("20.00", 10);
        String shortOfStock = catalog.product("30.00", 0);
        String mailbox = "Support." + UUID.randomUUID().toString().substring(0, 8);
        String placedAs = mailbox + "@Example.com";
        List<String> placed = new ArrayList<>();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        for (String sku : List.of(chair, chair, shortOfStock)) {
            String orderId = "L-" + UUID.randomUUID();
            ResponseEntity<String> answer = http.exchange("/api/orders", HttpMethod.POST,
                    new HttpEntity<>(order(orderId, "[" + line(sku, 1) + "]", placedAs, "PARTIAL"), headers), String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            // Payment still to come: its amounts in the form they take once authorised (0 became 0.00).
            assertThat(answer.getBody()).contains("\"authorized\":0.00,\"captured\":0.00");
            placed.add(0, orderId);
        }
        post("/api/orders", order("L-" + UUID.randomUUID(), "[" + line(chair, 1) + "]", "someone.else@example.com", "PARTIAL"));
        String asTyped = "/api/orders?customerEmail=" + mailbox.toLowerCase() + "@example.COM";

        ResponseEntity<JsonNode> all = http.getForEntity(asTyped, JsonNode.class);
        ResponseEntity<JsonNode> first = http.getForEntity(asTyped + "&maxResults=2", JsonNode.class);
        ResponseEntity<JsonNode> rest = http.getForEntity(asTyped + "&maxResults=2&firstResult=2", JsonNode.class);

        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(all.getBody().findValuesAsText("orderId")).as("newest first").containsExactlyElementsOf(placed);
        assertThat(all.getBody().get(0).get("customer").get("email").asText()).isEqualTo(placedAs);
        assertThat(all.getBody().get(0).get("total").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(all.getBody().get(0).get("createdAt").asText()).isNotBlank();
        assertThat(first.getBody().findValuesAsText("orderId")).containsExactlyElementsOf(placed.subList(0, 2));
        assertThat(rest.getBody().findValuesAsText("orderId")).containsExactly(placed.get(2));
        assertThat(List.of(all, first, rest)).allSatisfy(page ->
                assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("3"));
        awaitOrder(placed.get(0), o -> o.get("status").asText().equals("BACKORDERED"));
        JsonNode waiting = http.getForObject(asTyped + "&status=BACKORDERED", JsonNode.class);
        assertThat(waiting.findValuesAsText("orderId")).containsExactly(placed.get(0));
        assertThat(waiting.get(0).get("paymentStatus").asText()).isEqualTo("AUTHORIZED");
        assertThat(http.getForObject(asTyped + "&status=CANCELLED,BACKORDERED", JsonNode.class).findValuesAsText("orderId"))
                .as("any of several").containsExactly(placed.get(0));
        assertThat(http.getForObject(asTyped + "&unpaid=true", JsonNode.class)).isEmpty();
    }

    @Test
    void aCustomersAddressIsCorrectedOnlyWhileTheOrderIsOpenAndOnlyToAnAddress() {
        String sku = catalog.product("20.00", 5);
        String orderId = "M-" + UUID.randomUUID();
        post("/api/orders", orderBody(orderId, "tok_visa", line(sku, 1)));
        awaitOrder(orderId, o -> o.get("status").asText().equals("SHIPPED"));

        ResponseEntity<JsonNode> malformed = post("/api/orders/" + orderId + "/customer-email", "{\"email\": \"ada-at-example\"}");
        ResponseEntity<JsonNode> finished = post("/api/orders/" + orderId + "/customer-email", "{\"email\": \"ada@example.org\"}");

        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody().get("errors").findValuesAsText("field")).containsExactly("email");
        assertThat(finished.getStatusCode()).as("a finished order sends no more e-mails").isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.getForObject("/api/orders/" + orderId, JsonNode.class).get("customer").get("email").asText())
                .isEqualTo("ada@example.com");
    }

    static Stream<Arguments> badListQueries() {
        return Stream.of(
                // A misspelt filter would list every order there is.
                Arguments.of("email=ada@example.com", "email"),
                Arguments.of("status=shipped", "status"),
                Arguments.of("unpaid=yes", "unpaid"),
                Arguments.of("maxResults=0", "maxResults"),
                Arguments.of("maxResults=1001", "maxResults"),
                Arguments.of("firstResult=-1", "firstResult"),
                Arguments.of("status=SHIPPED&status=CANCELLED", "status"),
                Arguments.of("customerEmail=" + "a".repeat(250) + "@example.com", "customerEmail"),
                Arguments.of("customerEmail=ada\u0000@example.com", "customerEmail"),
                Arguments.of("customerEmail=ada", "customerEmail"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListQueries")
    void aListQueryItCannotAnswerIsRefusedNamingTheParameter(String query, String parameter) {
        ResponseEntity<JsonNode> answer = http.getForEntity("/api/orders?" + query, JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactly(parameter);
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"orderId\": \"%s\", \"lines\": [", "body"),
                Arguments.of("missing lines", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"payment\":{\"token\":\"tok_visa\"}}", "lines"),
                Arguments.of("empty lines", order("%s", "[]", "ada@example.com", "PARTIAL"), "lines"),
                Arguments.of("quantity zero", order("%s", "[{\"sku\":\"SKU\",\"quantity\":0}]", "ada@example.com", "PARTIAL"),
                        "lines[0].quantity"),
                Arguments.of("quantity negative", order("%s", "[{\"sku\":\"SKU\",\"quantity\":-3}]", "ada@example.com", "PARTIAL"),
                        "lines[0].quantity"),
                Arguments.of("quantity fractional", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1.5}]", "ada@example.com", "PARTIAL"),
                        "lines[0].quantity"),
                Arguments.of("unknown SKU", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1},{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}]",
                        "ada@example.com", "PARTIAL"), "lines[1].sku"),
                Arguments.of("duplicate SKU lines", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1},{\"sku\":\"SKU\",\"quantity\":2}]",
                        "ada@example.com", "PARTIAL"), "lines[1].sku"),
                Arguments.of("bad e-mail", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1}]", "ada-at-example", "PARTIAL"),
                        "customer.email"),
                Arguments.of("line break in the customer's name", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\\r\\nBcc: x@example.com\","
                        + "\"email\":\"ada@example.com\"},\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_visa\"}}",
                        "customer.name"),
                // Well-formed, but longer than an order keeps: it once failed the insert with a 500.
                Arguments.of("language tag over 35 characters", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\","
                        + "\"email\":\"ada@example.com\",\"locale\":\"en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_visa\"}}", "customer.locale"),
                Arguments.of("unknown shipPolicy", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1}]", "ada@example.com", "WHENEVER"),
                        "shipPolicy"),
                Arguments.of("missing payment token", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{}}", "payment.token"),
                Arguments.of("huge quantity", order("%s", "[{\"sku\":\"SKU\",\"quantity\":99999999999999999999}]",
                        "ada@example.com", "PARTIAL"), "lines[0].quantity"),
                Arguments.of("number as customer name", "{\"orderId\":\"%s\",\"customer\":{\"name\":42,\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_visa\"}}", "customer.name"),
                // A misconfigured checkout sent the card number itself: it was stored in clear text.
                Arguments.of("card number as payment token", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":\"4111 1111 1111 1111\"}}", "payment.token"),
                Arguments.of("boolean as payment token", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":true}}", "payment.token"),
                // Jackson would read 1 as the second constant: the order would ship COMPLETE without anyone asking.
                Arguments.of("number as shipPolicy", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"shipPolicy\":1,\"payment\":{\"token\":\"tok_visa\"}}",
                        "shipPolicy"),
                // A misspelt optional field was dropped and its default taken: PARTIAL where COMPLETE was asked.
                Arguments.of("misspelt shipPolicy", "{\"orderId\":\"%s\",\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                        + "\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"ship_policy\":\"COMPLETE\",\"payment\":{\"token\":\"tok_visa\"}}",
                        "ship_policy"),
                Arguments.of("misspelt field of a line", order("%s", "[{\"sku\":\"SKU\",\"quantity\":1,\"qty\":2}]",
                        "ada@example.com", "PARTIAL"), "lines[0].qty"),
                // Parsers disagree on which of two keys counts; the last one made a new order under another id.
                Arguments.of("orderId given twice", "{\"orderId\":\"%s\",\"orderId\":\"%1$s-2\",\"customer\":{\"name\":\"Ada\","
                        + "\"email\":\"ada@example.com\"},\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}],\"payment\":{\"token\":\"tok_visa\"}}",
                        "orderId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void badOrderIsRefusedNamingTheFieldAndWritesNothing(String description, String template, String field) {
        String sku = catalog.product("5.00", 10);
        String orderId = "B-" + UUID.randomUUID();
        long instancesBefore = runtime.createProcessInstanceQuery().count();

        ResponseEntity<JsonNode> answer = post("/api/orders", template.formatted(orderId).replace("\"SKU\"", "\"" + sku + "\""));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        answer.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains(field);
        assertThat(answer.getBody().get("detail").asText()).contains(field);
        assertThat(count("orders", orderId)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_line WHERE order_id = ?").param(orderId).query(Integer.class).single())
                .isZero();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    /** 201 lines were refused as "size must be between 0 and 200", though no lines are refused too. */
    @Test
    void anOrderWithNoLinesOrMoreThanTwoHundredIsToldHowManyItMayHave() {
        String tooMany = IntStream.range(0, 201).mapToObj(i -> line("S-" + i, 1))
                .collect(Collectors.joining(",", "[", "]"));
        for (String lines : new String[] {"[]", tooMany}) {
            ResponseEntity<JsonNode> answer = post("/api/orders", order("L-" + UUID.randomUUID(), lines, "ada@example.com", "PARTIAL"));

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("errors").toString()).contains("\"field\":\"lines\"", "must have 1 to 200 lines");
        }
    }

    @Test
    void orderWhoseTotalNoAmountCouldHoldIsRefusedNamingItsLinesAndTheLargestStillShips() {
        // The dearest price a product may have; 101 of them once failed the order's insert with a 500.
        String sku = catalog.product("9999999999.99", 100);
        String tooMuch = "T-" + UUID.randomUUID();
        long instancesBefore = runtime.createProcessInstanceQuery().count();

        ResponseEntity<JsonNode> refused = post("/api/orders", orderBody(tooMuch, "tok_visa", line(sku, 101)));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("lines");
        assertThat(refused.getBody().get("detail").asText()).contains("1009999999998.99", "999999999999.99");
        assertThat(count("orders", tooMuch)).isZero();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);

        String largest = "T-" + UUID.randomUUID();
        assertThat(post("/api/orders", orderBody(largest, "tok_visa", line(sku, 100))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // The capture is a step of its own after the dispatch that reads SHIPPED: the parcel is charged a moment later.
        JsonNode shipped = awaitOrder(largest, o -> o.get("status").asText().equals("SHIPPED")
                && o.get("payment").get("captured").decimalValue().signum() > 0);
        assertThat(shipped.get("total").decimalValue()).isEqualByComparingTo("999999999999.00");
        assertThat(shipped.get("payment").get("captured").decimalValue()).isEqualByComparingTo("999999999999.00");
    }

    @Test
    void theLargestOrderTheApiTakesShipsWithItsTimelineAndNotice() {
        // 200 lines of the longest SKUs and names: the timeline entries listing them once outgrew their
        // column at about 40 lines, and the order never got past its first step.
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            skus.add(catalog.longestProduct("1.00", 100_000));
        }
        String orderId = "L-" + UUID.randomUUID();

        ResponseEntity<JsonNode> placed = post("/api/orders", orderBody(orderId, "tok_visa",
                skus.stream().map(sku -> line(sku, 100_000)).toArray(String[]::new)));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode shipped = awaitOrder(orderId, o -> o.get("status").asText().equals("SHIPPED")
                && o.get("payment").get("captured").decimalValue().compareTo(o.get("total").decimalValue()) == 0);
        assertThat(shipped.get("total").decimalValue()).isEqualByComparingTo("20000000.00");
        assertThat(stock.find(skus.get(199)).orElseThrow().onHand()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> types(orderId).contains("NOTIFIED"));
        JsonNode timeline = http.getForEntity("/api/orders/" + orderId + "/timeline", JsonNode.class).getBody();
        assertThat(findEntry(timeline, "RESERVED").get("lines")).hasSize(200);
        assertThat(findEntry(timeline, "PACKED").get("lines")).hasSize(200);
        assertThat(jdbc.sql("SELECT body_html FROM notification_outbox WHERE order_id = ? AND kind = 'SHIPPED'")
                .param(orderId).query(String.class).single()).contains(skus.get(199).substring(0, 11));
    }

    private static String order(String orderId, String lines, String email, String shipPolicy) {
        return "{\"orderId\":\"" + orderId + "\",\"customer\":{\"name\":\"Ada\",\"email\":\"" + email + "\",\"locale\":\"de\"},"
                + "\"lines\":" + lines + ",\"shipPolicy\":\"" + shipPolicy + "\",\"payment\":{\"token\":\"tok_visa\"}}";
    }

    private static String line(String sku, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    private static String orderBody(String orderId, String token, String... lines) {
        return "{" + (orderId == null ? "" : "\"orderId\":\"" + orderId + "\",")
                + "\"customer\":{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"locale\":\"de\"},"
                + "\"lines\":[" + String.join(",", lines) + "],\"shipPolicy\":\"PARTIAL\","
                + "\"payment\":{\"token\":\"" + token + "\"}}";
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<String> ifNoneMatch(String path, String tag) {
        HttpHeaders headers = new HttpHeaders();
        headers.setIfNoneMatch(tag);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode awaitOrder(String orderId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = http.getForEntity("/api/orders/" + orderId, JsonNode.class).getBody();
            return last[0] != null && last[0].has("status") && condition.test(last[0]);
        });
        return last[0];
    }

    private List<String> types(String orderId) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(orderId)
                .query(String.class).list();
    }

    private static JsonNode findEntry(JsonNode timeline, String type) {
        for (JsonNode entry : timeline) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("No " + type + " entry in " + timeline);
    }

    private long historicInstances(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ = ?").param(orderId)
                .query(Long.class).single();
    }

    private int count(String table, String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?").param(orderId).query(Integer.class).single();
    }
}
