package com.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.LockRace;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

/** Receipts, stock counts and availability over HTTP, with the engine running the orders. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InventoryApiTest {

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;
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
    void backorderedOrderShipsInFullWhenGoodsArriveAndAvailabilityTellsTheTruthThroughout() {
        String sku = catalog.product("50.00", 2);
        assertAvailability(sku, 2, 0, 0, 0, false);
        String orderId = "V-" + UUID.randomUUID();

        ResponseEntity<JsonNode> placed = send(HttpMethod.POST, "/api/orders", """
                {"orderId": "%s", "customer": {"name": "Ada", "email": "ada@example.com"},
                 "lines": [{"sku": "%s", "quantity": 5}], "shipPolicy": "COMPLETE", "payment": {"token": "tok_visa"}}"""
                .formatted(orderId, sku));
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        JsonNode backordered = awaitOrder(orderId, "BACKORDERED");
        assertThat(backordered.get("lines").get(0).get("reserved").asInt()).isEqualTo(2);
        assertThat(backordered.get("lines").get(0).get("backordered").asInt()).isEqualTo(3);
        Instant eta = Instant.parse(backordered.get("eta").asText());
        assertThat(eta).isBetween(Instant.now().plus(TestCatalog.LEAD_TIME).minusSeconds(120),
                Instant.now().plus(TestCatalog.LEAD_TIME).plusSeconds(120));
        assertThat(backordered.get("payment").get("captured").decimalValue()).isEqualByComparingTo("0");
        // The supplier's minimum is 1: its purchase order goes out at once, in a job of its own after the order's.
        await().atMost(Duration.ofSeconds(10)).until(() -> http.getForObject("/api/products/" + sku + "/availability",
                JsonNode.class).get("inbound").asInt() == 3);
        assertAvailability(sku, 0, 2, 3, 3, true);
        JsonNode timeline = http.getForObject("/api/orders/" + orderId + "/timeline", JsonNode.class);
        // Placing the purchase order may refine the ETA by moments; the promise on the timeline is the same day.
        assertThat(Instant.parse(entry(timeline, "BACKORDERED").get("eta").asText()))
                .isCloseTo(eta, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        await().atMost(Duration.ofSeconds(10)).until(() -> entryOrNull(
                http.getForObject("/api/orders/" + orderId + "/timeline", JsonNode.class), "NOTIFIED") != null);
        assertThat(entry(http.getForObject("/api/orders/" + orderId + "/timeline", JsonNode.class), "NOTIFIED")
                .get("kind").asText()).isEqualTo("BACKORDERED");

        ResponseEntity<JsonNode> receipt = send(HttpMethod.POST, "/api/inventory/receipts",
                "{\"sku\": \"" + sku + "\", \"quantity\": 4}");

        assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(receipt.getHeaders().getLocation()).as("no address that answers 404").isNull();
        assertThat(receipt.getBody().get("allocated").asInt()).isEqualTo(3);
        assertThat(receipt.getBody().get("toStock").asInt()).isEqualTo(1);
        assertThat(receipt.getBody().get("allocations").get(0).get("orderId").asText()).isEqualTo(orderId);
        JsonNode shipped = awaitOrder(orderId, "SHIPPED");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.getForObject("/api/orders/" + orderId, JsonNode.class)
                .get("payment").get("captured").decimalValue().compareTo(shipped.get("total").decimalValue()) == 0);
        assertThat(shipped.get("eta").isNull()).isTrue();
        // The purchase order raised for the backorder is still on its way: the receipt did not name it.
        assertAvailability(sku, 1, 0, 0, 3, false);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(1);
    }

    @Test
    void stockCountFindingMoreUnitsServesWaitingBackordersFirst() {
        String sku = catalog.product("5.00", 0);
        String orderId = "W-" + UUID.randomUUID();
        send(HttpMethod.POST, "/api/orders", """
                {"orderId": "%s", "customer": {"name": "Ada", "email": "ada@example.com"},
                 "lines": [{"sku": "%s", "quantity": 2}], "payment": {"token": "tok_visa"}}""".formatted(orderId, sku));
        awaitOrder(orderId, "BACKORDERED");

        ResponseEntity<JsonNode> counted = send(HttpMethod.PUT, "/api/inventory/" + sku, "{\"onHand\": 5}");

        assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(counted.getBody().get("onHand").asInt()).isEqualTo(5);
        assertThat(counted.getBody().get("reserved").asInt()).isEqualTo(2);
        awaitOrder(orderId, "SHIPPED");
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(3);
    }

    /** A count below the books left no trace: stock no longer reconciled with receipts and shipments. */
    @Test
    void stockCountFindingFewerUnitsRecordsTheLossAndWhoCounted() {
        String sku = catalog.product("5.00", 10);

        ResponseEntity<JsonNode> counted = send(HttpMethod.PUT, "/api/inventory/" + sku, "{\"onHand\": 7}");

        assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(counted.getBody().get("onHand").asInt()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT quantity || ' ' || on_hand_before || ' ' || on_hand_after || ' ' || counted_by FROM stock_loss WHERE sku = ?")
                .param(sku).query(String.class).single()).isEqualTo("3 10 7 admin");
        send(HttpMethod.PUT, "/api/inventory/" + sku, "{\"onHand\": 7}");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_loss WHERE sku = ?").param(sku).query(Integer.class).single())
                .as("a count that changes nothing loses nothing").isEqualTo(1);
    }

    @Test
    void stockCountBelowReservedUnitsIsAConflict() {
        String sku = catalog.product("5.00", 3);
        jdbc.sql("UPDATE stock SET reserved = 2 WHERE sku = ?").param(sku).update();

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/inventory/" + sku, "{\"onHand\": 1}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(3);
    }

    @ParameterizedTest(name = "receipt {0}")
    @CsvSource(delimiter = '|', value = {
            "zero quantity | {\"sku\": \"SKU\", \"quantity\": 0} | quantity",
            "negative quantity | {\"sku\": \"SKU\", \"quantity\": -4} | quantity",
            "missing quantity | {\"sku\": \"SKU\"} | quantity",
            "text quantity | {\"sku\": \"SKU\", \"quantity\": \"many\"} | quantity",
            "unknown SKU | {\"sku\": \"NO-SUCH-SKU\", \"quantity\": 3} | sku",
            "missing SKU | {\"quantity\": 3} | sku",
            "malformed JSON | {\"sku\": | body"})
    void badReceiptIsRefusedNamingTheFieldAndChangesNothing(String description, String body, String field) {
        String sku = catalog.product("5.00", 4);
        int receiptsBefore = jdbc.sql("SELECT COUNT(*) FROM goods_receipt").query(Integer.class).single();

        ResponseEntity<JsonNode> answer = send(HttpMethod.POST, "/api/inventory/receipts", body.replace("SKU", sku));

        assertBadRequest(answer, field);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM goods_receipt").query(Integer.class).single()).isEqualTo(receiptsBefore);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(4);
    }

    @Test
    void receiptTakingStockBeyondWhatItMayHoldIsRefusedNamingTheQuantity() {
        // Receipts of a million units each once overflowed the stock's on-hand count into a 500.
        String sku = catalog.product("5.00", 99_999_999);
        assertThat(send(HttpMethod.POST, "/api/inventory/receipts", "{\"sku\": \"" + sku + "\", \"quantity\": 1}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        int receiptsBefore = jdbc.sql("SELECT COUNT(*) FROM goods_receipt").query(Integer.class).single();

        for (int quantity : new int[] {1, 1_000_000}) {
            ResponseEntity<JsonNode> answer = send(HttpMethod.POST, "/api/inventory/receipts",
                    "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}");

            assertBadRequest(answer, "quantity");
            assertThat(answer.getBody().get("detail").asText()).contains(String.valueOf(100_000_000L + quantity), "100000000");
        }
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(100_000_000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM goods_receipt").query(Integer.class).single()).isEqualTo(receiptsBefore);
    }

    @ParameterizedTest(name = "stock count {0}")
    @CsvSource(delimiter = '|', value = {
            "negative | SKU | {\"onHand\": -1} | onHand",
            "missing | SKU | {} | onHand",
            "fractional | SKU | {\"onHand\": 2.5} | onHand",
            "unknown SKU | NO-SUCH-SKU | {\"onHand\": 3} | sku"})
    void badStockCountIsRefusedNamingTheFieldAndChangesNothing(String description, String path, String body,
                                                              String field) {
        String sku = catalog.product("5.00", 4);

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/inventory/" + path.replace("SKU", sku), body);

        assertBadRequest(answer, field);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(4);
    }

    @ParameterizedTest(name = "product with backorderPolicy {0}")
    @CsvSource(delimiter = '|', value = {"0", "1", "\"1\"", "\"allow\"", "\"SOMETIMES\""})
    void productWithABackorderPolicyThatIsNoneOfItsNamesIsRefusedAndNotCreated(String policy) {
        String existing = catalog.product("5.00", 4);
        String supplier = products.find(existing).orElseThrow().supplierId();
        String sku = "NEW-" + UUID.randomUUID();

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/products/" + sku,
                "{\"name\": \"Chair\", \"price\": 80, \"supplierId\": \"" + supplier + "\", \"backorderPolicy\": " + policy + "}");

        assertBadRequest(answer, "backorderPolicy");
        assertThat(answer.getBody().get("detail").asText()).contains("ALLOW", "DENY");
        assertThat(products.find(sku)).isEmpty();
    }

    /**
     * The same new product put twice at the same moment (a client's retry, two scripts): the second waited for
     * the first's row, failed on its key and answered 500. Here the first is held open until the second waits.
     */
    @Test
    void aNewProductPutAgainWhileItIsBeingCreatedIsUpdatedNotRefused() throws Exception {
        String supplier = products.find(catalog.product("5.00", 4)).orElseThrow().supplierId();
        String sku = "RACE-" + UUID.randomUUID();

        ResponseEntity<JsonNode> second = new LockRace(transaction, jdbc).whileThisTransactionHolds(
                () -> products.save(new Product(sku, "First", new BigDecimal("10.00"), "EUR", supplier, BackorderPolicy.ALLOW)),
                () -> send(HttpMethod.PUT, "/api/products/" + sku,
                        "{\"name\": \"Second\", \"price\": 12, \"supplierId\": \"" + supplier + "\"}"),
                () -> { });

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(products.find(sku).orElseThrow().name()).isEqualTo("Second");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock WHERE sku = ?").param(sku).query(Integer.class).single()).isEqualTo(1);
    }

    /** An explicit null kept the product's stored value where the client meant the default (EUR, ALLOW). */
    @ParameterizedTest(name = "product update with {0} null")
    @CsvSource({"currency", "backorderPolicy"})
    void anExplicitNullOnAnOptionalProductFieldIsRefusedAndChangesNothing(String field) {
        String sku = catalog.product("5.00", 4);
        Product before = products.find(sku).orElseThrow();

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/products/" + sku, "{\"name\": \"Renamed\", \"price\": 6,"
                + " \"supplierId\": \"" + before.supplierId() + "\", \"" + field + "\": null}");

        assertBadRequest(answer, field);
        assertThat(answer.getBody().get("detail").asText()).contains("leave it out to keep its value");
        assertThat(products.find(sku)).contains(before);
    }

    /**
     * Orders in a made-up currency captured money at the provider and then failed their notice on
     * every retry (java.util.Currency knows no "QQQ"), rolling the booking back; a yen price with
     * cents cannot be charged.
     */
    @ParameterizedTest(name = "product priced {1} in {0}")
    @CsvSource(delimiter = '|', value = {
            "QQQ | 10.00 | currency", "ABC | 3 | currency", "XAU | 1500 | currency", "XXX | 1 | currency",
            "JPY | 0.5 | price", "JPY | 100.10 | price", "BHD | 1.234 | price"})
    void productPricedInWhatIsNoCurrencyItsPriceCanBePaidInIsRefusedAndNotCreated(String currency, String price,
                                                                                 String field) {
        String existing = catalog.product("5.00", 4);
        String supplier = products.find(existing).orElseThrow().supplierId();
        String sku = "NEW-" + UUID.randomUUID();

        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/products/" + sku, "{\"name\": \"Chair\", \"price\": "
                + price + ", \"currency\": \"" + currency + "\", \"supplierId\": \"" + supplier + "\"}");

        assertBadRequest(answer, field);
        assertThat(products.find(sku)).isEmpty();
    }

    @Test
    void productWithAMisspeltFieldIsRefusedNamingItRatherThanTakingTheDefault() {
        String supplier = products.find(catalog.product("5.00", 4)).orElseThrow().supplierId();
        String sku = "NEW-" + UUID.randomUUID();

        // Taken before as ALLOW: a limited edition would have been sold beyond its stock.
        ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/products/" + sku,
                "{\"name\": \"Vase\", \"price\": 5, \"supplierId\": \"" + supplier + "\", \"backorder_policy\": \"DENY\"}");

        assertBadRequest(answer, "backorder_policy");
        assertThat(answer.getBody().get("detail").asText()).contains("backorderPolicy");
        assertThat(products.find(sku)).isEmpty();
    }

    @Test
    void productPricedInAnyRealCurrencyWithItsOwnMinorUnitsIsTaken() {
        String supplier = products.find(catalog.product("5.00", 4)).orElseThrow().supplierId();
        for (String[] priced : new String[][] {{"JPY", "1200"}, {"GBP", "19.99"}, {"CHF", "0.05"}, {"KWD", "3.5"}}) {
            String sku = "NEW-" + UUID.randomUUID();
            ResponseEntity<JsonNode> answer = send(HttpMethod.PUT, "/api/products/" + sku, "{\"name\": \"Chair\", \"price\": "
                    + priced[1] + ", \"currency\": \"" + priced[0] + "\", \"supplierId\": \"" + supplier + "\"}");
            assertThat(answer.getStatusCode()).as(priced[0]).isEqualTo(HttpStatus.CREATED);
            assertThat(products.find(sku).orElseThrow().currency()).isEqualTo(priced[0]);
        }
    }

    /** The answer echoed the price as written ({@code 1E+2}), not as kept and read back ({@code 100.00}). */
    @Test
    void aProductIsAnsweredWithThePriceAsKept() {
        String supplier = products.find(catalog.product("5.00", 4)).orElseThrow().supplierId();
        String sku = "NEW-" + UUID.randomUUID();
        for (String[] price : new String[][] {{"\"1e2\"", "100.00"}, {"1.50E+1", "15.00"}, {"7.5", "7.50"}}) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            // The text as sent: parsed into numbers, 1E+2 and 100.00 read alike.
            String answer = http.exchange("/api/products/" + sku, HttpMethod.PUT, new HttpEntity<>("{\"name\": \"Chair\","
                    + " \"price\": " + price[0] + ", \"supplierId\": \"" + supplier + "\"}", headers), String.class).getBody();
            String readBack = http.getForObject("/api/products/" + sku, String.class);
            assertThat(answer).as(price[0]).contains("\"price\":" + price[1]);
            assertThat(readBack).contains("\"price\":" + price[1]);
        }
    }

    /**
     * A supplier delivered more of one line than ordered while another line of the purchase order is still
     * to come: inbound read the surplus as negative units (-7) and hid other purchase orders' units.
     */
    @Test
    void aLineDeliveredBeyondItsQuantityCountsNothingInboundWhileTheRestStillComes() {
        String over = catalog.product("5.00", 0);
        String other = catalog.product("5.00", 0);
        String supplier = products.find(over).orElseThrow().supplierId();
        String purchaseOrder = "PO-T" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        INSERT INTO purchase_order (id, supplier_id, status, drop_ship, window_closes_at, placed_at, eta, eta_basis, created_at)
                        VALUES (?, ?, 'CONFIRMED', FALSE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'LEAD_TIME', CURRENT_TIMESTAMP)""")
                .params(purchaseOrder, supplier).update();
        jdbc.sql("INSERT INTO purchase_order_line (purchase_order_id, sku, quantity, received) VALUES (?, ?, 3, 0), (?, ?, 2, 0)")
                .params(purchaseOrder, over, purchaseOrder, other).update();

        ResponseEntity<JsonNode> receipt = send(HttpMethod.POST, "/api/inventory/receipts",
                "{\"sku\": \"" + over + "\", \"quantity\": 10, \"purchaseOrderId\": \"" + purchaseOrder + "\"}");

        assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode availability = http.getForObject("/api/products/" + over + "/availability", JsonNode.class);
        assertThat(availability.get("inbound").asInt()).isZero();
        assertThat(availability.get("available").asInt()).isEqualTo(10);
        assertThat(http.getForObject("/api/products/" + other + "/availability", JsonNode.class).get("inbound").asInt())
                .isEqualTo(2);
    }

    /**
     * A client that lost the answer sends the receipt again, at once or while the first is still being booked:
     * under the warehouse's reference the goods are booked once. Without it, each send booked them again.
     */
    @Test
    void aReceiptSentAgainUnderItsReferenceIsBookedOnce() throws Exception {
        String sku = catalog.product("5.00", 0);
        String reference = "GI-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"sku\": \"" + sku + "\", \"quantity\": 5, \"reference\": \"" + reference + "\"}";

        List<Future<ResponseEntity<JsonNode>>> sends = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                sends.add(clients.submit(() -> send(HttpMethod.POST, "/api/inventory/receipts", body)));
            }
            List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> sent : sends) {
                answers.add(sent.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).extracting(ResponseEntity::getStatusCode)
                    .containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.OK);
            assertThat(answers.get(0).getBody()).isEqualTo(answers.get(1).getBody());
            assertThat(answers.get(0).getBody().get("reference").asText()).isEqualTo(reference);
        } finally {
            clients.shutdownNow();
        }
        ResponseEntity<JsonNode> later = send(HttpMethod.POST, "/api/inventory/receipts", body);
        assertThat(later.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(5);

        ResponseEntity<JsonNode> otherGoods = send(HttpMethod.POST, "/api/inventory/receipts",
                "{\"sku\": \"" + sku + "\", \"quantity\": 6, \"reference\": \"" + reference + "\"}");
        assertThat(otherGoods.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(otherGoods.getBody().get("detail").asText()).contains(reference).contains("5 x " + sku);
        assertThat(stock.find(sku).orElseThrow().onHand()).isEqualTo(5);

        ResponseEntity<JsonNode> badReference = send(HttpMethod.POST, "/api/inventory/receipts",
                "{\"sku\": \"" + sku + "\", \"quantity\": 1, \"reference\": \"no spaces\"}");
        assertThat(badReference.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badReference.getBody().toString()).contains("reference");
    }

    /** An order for it now is rejected and nothing is reordered: a restock date told the shop it would be back. */
    @Test
    void aSoldOutProductThatTakesNoBackordersHasNoRestockDate() {
        String supplier = products.find(catalog.product("5.00", 0)).orElseThrow().supplierId();
        String sku = "NEW-" + UUID.randomUUID();
        assertThat(send(HttpMethod.PUT, "/api/products/" + sku, "{\"name\": \"Limited vase\", \"price\": 5, \"supplierId\": \""
                + supplier + "\", \"backorderPolicy\": \"DENY\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        JsonNode availability = http.getForObject("/api/products/" + sku + "/availability", JsonNode.class);

        assertThat(availability.get("available").asInt()).isZero();
        assertThat(availability.get("restockDate").isNull()).as(availability.toString()).isTrue();
        assertThat(availability.get("restockDateBasis").isNull()).isTrue();
        // The shop, which may not read the product, says "sold out" rather than take an order to be rejected.
        assertThat(availability.get("backorderPolicy").asText()).isEqualTo("DENY");
        assertThat(availability.get("price").decimalValue()).isEqualByComparingTo("5");
        assertThat(availability.get("currency").asText()).isEqualTo("EUR");
        assertThat(http.getForObject("/api/products/" + catalog.product("5.00", 0) + "/availability", JsonNode.class)
                .get("backorderPolicy").asText()).isEqualTo("ALLOW");
    }

    /** A cart page asked once per product; now once, each product answered as on its own, in the order asked. */
    @Test
    void aCartsProductsAreAnsweredInOneCall() {
        String inStock = catalog.product("10.00", 4);
        String soldOut = catalog.product("20.00", 0);

        JsonNode cart = http.getForObject("/api/availability?skus=" + soldOut + ", " + inStock + "," + soldOut, JsonNode.class);

        assertThat(cart).as("one answer for each asked, a repeated one too").hasSize(3);
        assertThat(cart.get(2).get("sku").asText()).isEqualTo(soldOut);
        // The restock date counts from the moment asked; the rest is the single product's answer.
        ObjectNode alone = (ObjectNode) http.getForObject("/api/products/" + soldOut + "/availability", JsonNode.class);
        JsonNode inCart = ((ObjectNode) cart.get(0)).without("restockDate");
        assertThat(inCart).isEqualTo(alone.without("restockDate"));
        assertThat(cart.get(0).get("restockDay").asText()).isNotBlank();
        assertThat(cart.get(1).get("sku").asText()).isEqualTo(inStock);
        assertThat(cart.get(1).get("available").asInt()).isEqualTo(4);
        assertThat(http.getForEntity("/api/availability?skus=" + inStock + ",NO-SUCH-SKU", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        for (String bad : List.of("", "?skus=", "?skus=" + inStock + ",,", "?skus=" + inStock + "&sku=" + soldOut,
                "?skus=" + inStock + "'--", "?skus=" + tooMany)) {
            ResponseEntity<JsonNode> refused = http.getForEntity("/api/availability" + bad, JsonNode.class);
            assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().toString()).as(bad).contains("sku");
        }
    }

    @Test
    void availabilityOfAnUnknownProductIsNotFound() {
        assertThat(http.getForEntity("/api/products/NO-SUCH-SKU/availability", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // As the product and its availability: it answered 400, as if the request were malformed.
        ResponseEntity<JsonNode> stockOfNothing = http.getForEntity("/api/inventory/NO-SUCH-SKU", JsonNode.class);
        assertThat(stockOfNothing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(stockOfNothing.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    private void assertAvailability(String sku, int available, int reserved, int backordered, int inbound,
                                    boolean restockDate) {
        JsonNode availability = http.getForObject("/api/products/" + sku + "/availability", JsonNode.class);
        assertThat(availability.get("available").asInt()).as("available").isEqualTo(available);
        assertThat(availability.get("reserved").asInt()).as("reserved").isEqualTo(reserved);
        assertThat(availability.get("backordered").asInt()).as("backordered").isEqualTo(backordered);
        assertThat(availability.get("inbound").asInt()).as("inbound").isEqualTo(inbound);
        assertThat(availability.get("restockDate").isNull()).as("restockDate absent").isEqualTo(!restockDate);
    }

    private void assertBadRequest(ResponseEntity<JsonNode> answer, String field) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        answer.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains(field);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private JsonNode awaitOrder(String orderId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = http.getForObject("/api/orders/" + orderId, JsonNode.class);
            return status.equals(last[0].get("status").asText());
        });
        return last[0];
    }

    private static JsonNode entry(JsonNode timeline, String type) {
        JsonNode found = entryOrNull(timeline, type);
        assertThat(found).as(type + " in " + timeline).isNotNull();
        return found;
    }

    private static JsonNode entryOrNull(JsonNode timeline, String type) {
        for (JsonNode entry : timeline) {
            if (entry.get("type").asText().equals(type)) {
                return entry;
            }
        }
        return null;
    }
}
