package com.orderflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The backorder report over a seeded history whose answers are worked out here by hand. The
 * orders holding the seeded backorders are REJECTED so that their lines stay out of the demand the
 * reorder points are computed from; demand comes from separate shipped orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class BackorderReportTest {

    static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @Autowired TestRestTemplate http;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void seed() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        http = http.withBasicAuth("admin", "admin");
        if (jdbc.sql("SELECT COUNT(*) FROM supplier WHERE id = 'rep-s1'").query(Integer.class).single() > 0) {
            return;
        }
        supplier("rep-s1", "P4D", "P1D");
        supplier("rep-s2", "P10D", "PT0S");
        product("REP-A", "rep-s1");
        product("REP-B", "rep-s1");
        product("REP-C", "rep-s2");
        supplier("rep-s3", "P3D", "PT0S");
        jdbc.sql("UPDATE supplier SET drop_ship = TRUE WHERE id = 'rep-s3'").update();
        product("REP-D", "rep-s3");
        // Supplier 2 delivered 1, 2 and 5 days late: typical lateness (median) 2 days.
        delivery("rep-s2", 1);
        delivery("rep-s2", 2);
        delivery("rep-s2", 5);

        openBackorder("REP-A", 2, NOW.minus(Duration.ofDays(1)));
        openBackorder("REP-A", 1, NOW.minus(Duration.ofDays(2)).minus(Duration.ofHours(23)));
        openBackorder("REP-B", 4, NOW.minus(Duration.ofDays(5)));
        openBackorder("REP-C", 3, NOW.minus(Duration.ofDays(10)));
        openBackorder("REP-C", 6, NOW.minus(Duration.ofDays(20)));
        openBackorder("REP-A", 1, NOW.minus(Duration.ofDays(40)));
        filledBackorder("REP-A", 3, NOW.minus(Duration.ofDays(10)), Duration.ofHours(48));
        filledBackorder("REP-B", 1, NOW.minus(Duration.ofDays(6)), Duration.ofHours(24));
        filledBackorder("REP-C", 2, NOW.minus(Duration.ofDays(3)), Duration.ofHours(12));
        filledBackorder("REP-A", 1, NOW.minus(Duration.ofDays(50)), Duration.ofHours(240));

        // Demand: A sold 10, 5 and 15 units on three days; C 9 units on one day; B nothing.
        demand("REP-A", 10, NOW.minus(Duration.ofDays(80)), "SHIPPED");
        demand("REP-A", 5, NOW.minus(Duration.ofDays(40)), "SHIPPED");
        demand("REP-A", 15, NOW.minus(Duration.ofDays(2)), "BACKORDERED");
        demand("REP-C", 9, NOW.minus(Duration.ofDays(7)), "SHIPPED");
        demand("REP-D", 4, NOW.minus(Duration.ofDays(5)), "SHIPPED");
        demand("REP-A", 100, NOW.minus(Duration.ofDays(3)), "REJECTED");
        demand("REP-A", 50, NOW.minus(Duration.ofDays(120)), "SHIPPED");

        delayNotice(NOW.minus(Duration.ofDays(3)), null);
        String discounted = delayNotice(NOW.minus(Duration.ofDays(2)), "DISCOUNT");
        // The later notice repeats the code the order was given: one consolation, two notices.
        delayNotice(discounted, NOW.minus(Duration.ofHours(1)), "DISCOUNT");
        delayNotice(NOW.minus(Duration.ofDays(1)), "FREE_SHIPPING");
        delayNotice(NOW.minus(Duration.ofDays(45)), "DISCOUNT");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void openBackordersAreCountedByAge() {
        JsonNode buckets = report("").get("openByAge");

        assertThat(buckets.findValuesAsText("bucket")).containsExactly("0-2d", "3-7d", "8-14d", "15-30d", ">30d");
        assertBucket(buckets.get(0), 2, 3);
        assertBucket(buckets.get(1), 1, 4);
        assertBucket(buckets.get(2), 1, 3);
        assertBucket(buckets.get(3), 1, 6);
        assertBucket(buckets.get(4), 1, 1);
    }

    @Test
    void fillTimeCoversBackordersFilledInThePeriod() {
        JsonNode fill = report("").get("fillTime");

        // Filled within the last 30 days: 48 h, 24 h, 12 h (the 240 h one was filled 40 days ago).
        assertThat(fill.get("filled").asLong()).isEqualTo(3);
        assertThat(fill.get("averageHours").asDouble()).isCloseTo((48 + 24 + 12) / 3.0, within(0.01));
        // Continuous 90th percentile of [12, 24, 48]: 24 + 0.8 × (48 − 24).
        assertThat(fill.get("p90Hours").asDouble()).isCloseTo(24 + 0.8 * 24, within(0.01));

        JsonNode wider = report("?from=2026-05-01&to=2026-07-01").get("fillTime");
        assertThat(wider.get("filled").asLong()).isEqualTo(4);
        assertThat(wider.get("averageHours").asDouble()).isCloseTo((48 + 24 + 12 + 240) / 4.0, within(0.01));
    }

    @Test
    void productsBackorderedMostOftenComeFirst() {
        JsonNode top = report("").get("topProducts");

        assertThat(top.findValuesAsText("sku")).containsExactly("REP-C", "REP-A", "REP-B");
        assertThat(top.get(0).get("backorders").asLong()).isEqualTo(3);
        assertThat(top.get(0).get("units").asLong()).isEqualTo(3 + 6 + 2);
        assertThat(top.get(1).get("backorders").asLong()).isEqualTo(3);
        assertThat(top.get(1).get("units").asLong()).isEqualTo(2 + 1 + 3);
        assertThat(top.get(2).get("backorders").asLong()).isEqualTo(2);
    }

    @Test
    void reorderPointsFollowTheStatedFormula() {
        JsonNode points = report("").get("reorderPoints");
        assertThat(points.get("demandWindow").asText()).isEqualTo("P90D");
        assertThat(points.get("formula").asText()).contains("safetyStock", "averageDailyDemand");

        // A: 30 units over 90 days; days: 10, 5, 15 and 87 zeros. Lead time 4 d + 1 d window, no history.
        double meanA = 30 / 90.0;
        double varianceA = (sq(10 - meanA) + sq(5 - meanA) + sq(15 - meanA) + 87 * sq(meanA)) / 90;
        double safetyA = 1.65 * Math.sqrt(varianceA) * Math.sqrt(5);
        JsonNode a = product(points, "REP-A");
        assertThat(a.get("averageDailyDemand").asDouble()).isCloseTo(meanA, within(0.001));
        assertThat(a.get("leadTimeDays").asDouble()).isCloseTo(5, within(0.001));
        assertThat(a.get("typicalLatenessDays").asDouble()).isZero();
        assertThat(a.get("safetyStock").asDouble()).isCloseTo(safetyA, within(0.001));
        assertThat(a.get("reorderPoint").asLong()).isEqualTo((long) Math.ceil(meanA * 5 + safetyA));

        // C: 9 units on one day; lead time 10 d, typical lateness 2 d.
        double meanC = 9 / 90.0;
        double varianceC = (sq(9 - meanC) + 89 * sq(meanC)) / 90;
        double safetyC = 1.65 * Math.sqrt(varianceC) * Math.sqrt(12);
        JsonNode c = product(points, "REP-C");
        assertThat(c.get("typicalLatenessDays").asDouble()).isCloseTo(2, within(0.001));
        assertThat(c.get("reorderPoint").asLong()).isEqualTo((long) Math.ceil(meanC * 12 + safetyC));
        assertThat(points.get("products").findValuesAsText("sku")).doesNotContain("REP-B")
                .as("a drop-ship supplier sends to the customer: the product is never stocked").doesNotContain("REP-D");
    }

    @Test
    void delayNoticesAndConsolationsAreCounted() {
        JsonNode delays = report("").get("delays");

        assertThat(delays.get("noticesSent").asLong()).isEqualTo(4);
        assertThat(delays.get("consolationsGranted").asLong()).as("orders given one, not notices naming it").isEqualTo(2);
    }

    @Test
    void theSameReportComesAsCsvForSpreadsheets() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Accept", "text/csv");
        ResponseEntity<String> csv = http.exchange("/api/reports/backorders", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).isEqualTo("section,item,metric,value");
        assertThat(lines).contains("open_by_age,0-2d,units,3", "top_products,REP-C,backorders,3",
                "delays,,notices_sent,4");
        // What the JSON tells about each figure, the spreadsheet gets too.
        assertThat(lines).contains("open_by_age,>30d,min_days,31", "open_by_age,>30d,max_days,",
                "top_products,REP-C,name,Product REP-C", "reorder_points,REP-C,supplier_id,rep-s2",
                "reorder_points,,service_level_z,1.65", "reorder_points,,demand_window,P90D");
        assertThat(lines).anyMatch(line -> line.startsWith("report,,generated_at,2026-06-30T12:00:00"));
        // The backlog and the reorder points are today's, whatever the period: a past month's report says so.
        assertThat(lines).anyMatch(line -> line.startsWith("open_by_age,,as_of,2026-06-30T12:00:00"))
                .anyMatch(line -> line.startsWith("reorder_points,,as_of,2026-06-30T12:00:00"));
        assertThat(csv.getHeaders().getFirst("Content-Disposition")).as("a month's files apart by name")
                .contains("filename=\"backorder-report-2026-05-31-to-2026-06-30.csv\"");
    }

    /** Product names are the merchants' own text: a spreadsheet must show them, not run them. */
    @Test
    void aProductNameASpreadsheetWouldRunComesAsText() {
        jdbc.sql("UPDATE product SET name = ? WHERE sku = 'REP-B'").param("-2+3,=HYPERLINK(\"x\")").update();
        try {
            HttpHeaders headers = new HttpHeaders();
            headers.set("Accept", "text/csv");
            String csv = http.exchange("/api/reports/backorders", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                    .getBody();

            assertThat(csv.lines()).contains("top_products,REP-B,name,\"'-2+3,=HYPERLINK(\"\"x\"\")\"");
        } finally {
            jdbc.sql("UPDATE product SET name = 'Product REP-B' WHERE sku = 'REP-B'").update();
        }
    }

    /** The report declares what it produces; a charset nobody writes answered 500 rather than 406. */
    @Test
    void aCharsetTheReportIsNotWrittenInIsNotAcceptableRatherThanAFailure() {
        for (String accept : new String[] {"application/json;charset=UTF-16", "application/json;charset=ISO-8859-1"}) {
            HttpHeaders headers = new HttpHeaders();
            headers.set("Accept", accept);
            ResponseEntity<String> answer = http.exchange("/api/reports/backorders", HttpMethod.GET, new HttpEntity<>(headers),
                    String.class);
            assertThat(answer.getStatusCode()).as(accept).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
        }
    }

    @Test
    void badPeriodIsRefusedNamingTheField() {
        ResponseEntity<JsonNode> bad = http.getForEntity("/api/reports/backorders?from=yesterday", JsonNode.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors").findValuesAsText("field")).contains("from");
        ResponseEntity<JsonNode> reversed = http.getForEntity("/api/reports/backorders?from=2026-06-01&to=2026-05-01",
                JsonNode.class);
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // One bound against the other's default (now; 30 days before it) was an empty period, answered 200.
        for (String query : new String[] {"from=2999-01-01", "to=2000-01-01"}) {
            ResponseEntity<JsonNode> inverted = http.getForEntity("/api/reports/backorders?" + query, JsonNode.class);
            assertThat(inverted.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(inverted.getBody().get("errors").findValuesAsText("field")).as(query)
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertThat(http.getForEntity("/api/reports/backorders?to=2000-01-01", JsonNode.class).getBody().toString())
                .as("the default period as the merchant wrote it, not PT720H").contains("P30D before now");
        // ISO-8601 years PostgreSQL cannot hold once made the report fail with a 500.
        for (String query : new String[] {"from=%2B300000-01-01", "to=%2B999999999-12-31", "from=-999999999-01-01"}) {
            ResponseEntity<JsonNode> outOfRange = http.getForEntity(
                    URI.create(http.getRootUri() + "/api/reports/backorders?" + query), JsonNode.class);
            assertThat(outOfRange.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(outOfRange.getBody().get("errors").findValuesAsText("field")).as(query)
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertThat(http.withBasicAuth("warehouse", "warehouse").getForEntity("/api/reports/backorders", JsonNode.class)
                .getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    }

    /**
     * One day's report as a merchant asks for it: plain dates are the shop's days (Europe/Berlin), {@code to}
     * through its end, and a date and time without an offset is the shop's time, as on ops' forms. A parameter
     * the report does not take answered the whole report as if it had narrowed it.
     */
    @Test
    void aDaysReportTakesTheShopsDaysAndUnknownParametersAreRefused() {
        JsonNode oneDay = report("?from=2026-12-07&to=2026-12-07");
        assertThat(oneDay.get("period").get("from").asText()).isEqualTo("2026-12-06T23:00:00Z");
        assertThat(oneDay.get("period").get("to").asText()).isEqualTo("2026-12-07T23:00:00Z");
        assertThat(report("?from=2026-12-01T08:00&to=2026-12-02T08:00:00Z").get("period").get("from").asText())
                .isEqualTo("2026-12-01T07:00:00Z");

        for (String query : new String[] {"supplierId=S-1", "sku=CHAIR-OAK", "from=2026-12-01&from=2026-12-02"}) {
            ResponseEntity<JsonNode> refused = http.getForEntity("/api/reports/backorders?" + query, JsonNode.class);
            assertThat(refused.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("errors").findValuesAsText("field")).as(query)
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
    }

    private JsonNode report(String query) {
        ResponseEntity<JsonNode> answer = http.getForEntity("/api/reports/backorders" + query, JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static void assertBucket(JsonNode bucket, long backorders, long units) {
        assertThat(bucket.get("backorders").asLong()).as(bucket.get("bucket").asText()).isEqualTo(backorders);
        assertThat(bucket.get("units").asLong()).as(bucket.get("bucket").asText()).isEqualTo(units);
    }

    private static JsonNode product(JsonNode points, String sku) {
        for (JsonNode product : points.get("products")) {
            if (product.get("sku").asText().equals(sku)) {
                return product;
            }
        }
        throw new AssertionError("No reorder point for " + sku);
    }

    private static double sq(double value) {
        return value * value;
    }

    private void supplier(String id, String leadTime, String window) {
        jdbc.sql("INSERT INTO supplier (id, name, lead_time, batching_window, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, id, leadTime, window, utc(NOW), utc(NOW)).update();
    }

    private void product(String sku, String supplier) {
        jdbc.sql("INSERT INTO product (sku, name, price, supplier_id, created_at, updated_at) VALUES (?, ?, 10, ?, ?, ?)")
                .params(sku, "Product " + sku, supplier, utc(NOW), utc(NOW)).update();
        jdbc.sql("INSERT INTO stock (sku, on_hand, reserved, updated_at) VALUES (?, 0, 0, ?)").params(sku, utc(NOW)).update();
    }

    private void delivery(String supplier, int daysLate) {
        String po = "REP-PO-" + UUID.randomUUID();
        Instant promised = NOW.minus(Duration.ofDays(100 - daysLate));
        jdbc.sql("INSERT INTO purchase_order (id, supplier_id, status, window_closes_at, created_at) VALUES (?, ?, 'RECEIVED', ?, ?)")
                .params(po, supplier, utc(promised), utc(promised)).update();
        jdbc.sql("INSERT INTO supplier_delivery VALUES (?, ?, ?, ?, ?)")
                .params(po, supplier, utc(promised), utc(promised.plus(Duration.ofDays(daysLate))),
                        Duration.ofDays(daysLate).toSeconds()).update();
    }

    private String order(String sku, int quantity, Instant at, String status) {
        String id = "REP-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO orders (id, status, customer_name, customer_email, customer_locale, ship_policy,
                                            payment_token, currency, total, request_hash, created_at, updated_at)
                        VALUES (?, ?, 'Ada', 'ada@example.com', 'en', 'PARTIAL', 'tok_visa', 'EUR', 0, 'seed', ?, ?)""")
                .params(id, status, utc(at), utc(at)).update();
        jdbc.sql("INSERT INTO order_line (order_id, line_no, sku, quantity, unit_price) VALUES (?, 1, ?, ?, 10)")
                .params(id, sku, quantity).update();
        return id;
    }

    private void demand(String sku, int quantity, Instant at, String status) {
        order(sku, quantity, at, status);
    }

    private void openBackorder(String sku, int quantity, Instant orderedAt) {
        backorder(sku, quantity, orderedAt, null);
    }

    private void filledBackorder(String sku, int quantity, Instant orderedAt, Duration waited) {
        backorder(sku, quantity, orderedAt, orderedAt.plus(waited));
    }

    private void backorder(String sku, int quantity, Instant orderedAt, Instant filledAt) {
        String orderId = order(sku, quantity, orderedAt, "REJECTED");
        jdbc.sql("""
                        INSERT INTO backorder (order_id, line_no, sku, quantity, open_quantity, ordered_at, created_at,
                                               status, filled_at)
                        VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, sku, quantity, filledAt == null ? quantity : 0, utc(orderedAt), utc(orderedAt),
                        filledAt == null ? "OPEN" : "FILLED", filledAt == null ? null : utc(filledAt))
                .update();
    }

    private String delayNotice(Instant at, String consolation) {
        String orderId = order("REP-B", 1, at, "REJECTED");
        delayNotice(orderId, at, consolation);
        return orderId;
    }

    private void delayNotice(String orderId, Instant at, String consolation) {
        String data = consolation == null ? "{\"newEta\":\"2026-07-10T00:00:00Z\"}"
                : "{\"newEta\":\"2026-07-10T00:00:00Z\",\"consolation\":\"" + consolation + "\"}";
        jdbc.sql("INSERT INTO order_event (order_id, type, at, data) VALUES (?, 'DELAYED', ?, ?)")
                .params(orderId, utc(at), data).update();
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
