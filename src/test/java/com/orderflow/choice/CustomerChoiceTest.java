package com.orderflow.choice;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.CancellationRequester;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.security.IdentitySetup;
import com.orderflow.support.DelayedOrders;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.math.BigDecimal;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;

/**
 * The customer's choice links from a delay notice, over HTTP without a login: the page, the three
 * choices reaching the order process, and links that were tampered with, expired or used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class CustomerChoiceTest {

    static final Instant T0 = Instant.parse("2026-07-06T08:00:00Z");
    static final Pattern LINK = Pattern.compile("/choice/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    @Autowired TestRestTemplate http;
    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired ChoiceService choices;
    @Autowired ChoiceController choiceController;
    @Autowired OrderRepository orderRepository;
    @Autowired BackorderRepository backorders;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identity;

    TestCatalog catalog;
    EngineJobs jobs;
    DelayedOrders delayed;
    String chair;
    String table;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
        delayed = new DelayedOrders(engine, orders, backorders, transaction, T0.plus(TestCatalog.LEAD_TIME));
        chair = catalog.product("100.00", 5);
        table = catalog.product("400.00", 0);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void delayNoticeLinkShowsTheOrderWithThreeChoicesAndChangesNothing() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);

        ResponseEntity<String> page = http.getForEntity("/choice/" + token, String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains(instance.getBusinessKey())
                .as("the product's name, as the e-mail says it").contains("<td>Product " + table + "</td>")
                .contains("value=\"KEEP_WAITING\"").contains("value=\"SHIP_AVAILABLE\"").contains("value=\"CANCEL\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_choice WHERE order_id = ?").param(instance.getBusinessKey())
                .query(Integer.class).single()).isZero();
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).as("the page loads nothing, posts only to itself")
                .contains("default-src 'none'").contains("form-action 'self'");
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(types(instance)).doesNotContain("CUSTOMER_CHOSE");
    }

    @Test
    void germanCustomerReadsTheChoicePagesInGerman() {
        ProcessInstance instance = delayed.backordered(chair, table, "de-AT");
        delayed.delay(instance, 20);
        String token = token(instance);

        String page = http.getForEntity("/choice/" + token, String.class).getBody();
        assertThat(page).contains("lang=\"de\"").contains("Ihre Bestellung " + instance.getBusinessKey())
                .contains("Verfügbares jetzt senden, den Rest stornieren")
                .as("the ETA in the shop's zone, written the Austrian way").contains("31. Juli 2026");
        assertThat(choose(token, "KEEP_WAITING").getBody()).contains("Vielen Dank");
        assertThat(choose(token, "CANCEL").getBody()).contains("Dieser Link wurde schon benutzt");

        HttpHeaders german = new HttpHeaders();
        german.setAcceptLanguageAsLocales(List.of(Locale.GERMANY));
        ResponseEntity<String> invalid = http.exchange("/choice/not-a-token", HttpMethod.GET, new HttpEntity<>(german), String.class);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody()).as("no order to ask: the browser's language").contains("Dieser Link ist ungültig");
    }

    @Test
    void keepWaitingLeavesTheOrderWaiting() {
        ProcessInstance instance = delayedOrder();

        ResponseEntity<String> answer = choose(token(instance), "KEEP_WAITING");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("Thank you");
        assertThat(instance).isWaitingAt("Gateway_WaitForStock").hasPassed("EndEvent_CustomerKeepsWaiting");
        assertThat(order(instance).status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(types(instance)).contains("CUSTOMER_CHOSE");
    }

    @Test
    void shipAvailableShipsTheReservedUnitsCancelsTheRestAndVoidsItsShare() {
        ProcessInstance instance = delayedOrder();

        assertThat(choose(token(instance), "SHIP_AVAILABLE").getStatusCode()).isEqualTo(HttpStatus.OK);
        execute(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_CancelBackorderedRest").singleResult());
        jobs.completeBatches();
        assertThat(instance).isWaitingAt("Task_DispatchShipment");
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_CancelBackorderedRest", "EndEvent_OrderShipped");
        Order shipped = order(instance);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(line(shipped, chair).shipped()).isEqualTo(2);
        assertThat(line(shipped, table).cancelled()).isEqualTo(1);
        assertThat(backorders.ofOrder(shipped.id())).extracting(Backorder::status).containsOnly("CANCELLED");
        Payment payment = payments.find(shipped.id()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("200.00");
        assertThat(payment.voided()).isEqualByComparingTo("400.00");
        assertThat(types(instance)).contains("CUSTOMER_CHOSE", "WITHDRAWN", "VOIDED", "SHIPPED", "CAPTURED");
    }

    /**
     * The customer gave up the rest and then cancelled after all (another notice's link, or the shop): the
     * rest's step released its share at the provider and then lost its transaction to the cancellation,
     * which removed it before its retry, and released the whole authorisation once more under its own key.
     */
    @Test
    void aCancellationOvertakingTheCancelledRestReleasesTheAuthorisationOnce() {
        ProcessInstance instance = delayedOrder();
        assertThat(choose(token(instance), "SHIP_AVAILABLE").getStatusCode()).isEqualTo(HttpStatus.OK);
        Job rest = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_CancelBackorderedRest").singleResult();
        orders.requestCancellation(instance.getBusinessKey(), CancellationRequester.customer());

        // The step runs and its transaction is lost, as in the race: what it did at the provider stays done.
        transaction.executeWithoutResult(status -> {
            engine.getManagementService().executeJob(rest.getId());
            status.setRollbackOnly();
        });
        jobs.completeBatches();
        execute(job(instance));

        assertThat(instance).isEnded();
        Payment payment = payments.find(instance.getBusinessKey()).orElseThrow();
        assertThat(order(instance).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payment.voided()).isEqualByComparingTo(payment.authorized());
        assertThat(jdbc.sql("SELECT SUM(amount) FROM sim_payment_ledger WHERE operation = 'VOID' AND reference = ?")
                .param(payment.authorizationId()).query(BigDecimal.class).single())
                .as("released at the provider").isEqualByComparingTo(payment.authorized());
    }

    /**
     * Each delay notice's links stay valid until they expire: a link of another notice, used after the rest
     * was given up, confirmed "we ship it as soon as everything has arrived" of items that will never come.
     */
    @Test
    void anotherNoticesLinkCannotTakeBackTheRestGivenUp() {
        ProcessInstance instance = delayedOrder();
        String otherNotice = choices.links(instance.getBusinessKey(), 2).values().iterator().next()
                .replaceFirst("^.*/choice/", "").replaceFirst("#.*$", "");

        assertThat(choose(token(instance), "SHIP_AVAILABLE").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> beforeTheRestIsGone = choose(otherNotice, "KEEP_WAITING");
        execute(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_CancelBackorderedRest").singleResult());
        ResponseEntity<String> afterwards = choose(otherNotice, "KEEP_WAITING");

        for (ResponseEntity<String> late : List.of(beforeTheRestIsGone, afterwards)) {
            assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(late.getBody()).contains("that choice stands").doesNotContain("as soon as everything has arrived");
        }
        assertThat(jdbc.sql("SELECT choice FROM customer_choice WHERE order_id = ?").param(instance.getBusinessKey())
                .query(String.class).list()).containsExactly("SHIP_AVAILABLE");
    }

    /**
     * A lapsed payment holds the order: "ship what is available" gave up the rest for a parcel that could not
     * leave, and the customer was told it ships now.
     */
    @Test
    void whileALapsedPaymentHoldsTheOrderShippingWhatIsAvailableIsNotOffered() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);
        orderRepository.markPaymentLapsed(instance.getBusinessKey());

        assertThat(http.getForEntity("/choice/" + token, String.class).getBody())
                .contains("value=\"KEEP_WAITING\"").doesNotContain("value=\"SHIP_AVAILABLE\"");
        ResponseEntity<String> answer = choose(token, "SHIP_AVAILABLE");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody()).contains("could not be authorised again");
        assertThat(types(instance)).doesNotContain("CUSTOMER_CHOSE", "WITHDRAWN");
        assertThat(line(order(instance), table).backordered()).isEqualTo(1);
        assertThat(choose(token, "KEEP_WAITING").getStatusCode()).as("the link still works").isEqualTo(HttpStatus.OK);
    }

    @Test
    void cancelTakesTheCancellationPath() {
        ProcessInstance instance = delayedOrder();

        assertThat(choose(token(instance), "CANCEL").getStatusCode()).isEqualTo(HttpStatus.OK);
        jobs.completeBatches();
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("Task_RequestCancellation", "Task_CancelOrder",
                "Task_NotifyCustomerCancelled");
        Order cancelled = order(instance);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.find(cancelled.id()).orElseThrow().voided()).isEqualByComparingTo("600.00");
        assertThat(stock.find(chair).orElseThrow().reserved()).isZero();
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'CANCEL_REQUESTED'").param(cancelled.id())
                .query(String.class).single()).as("the customer's own wish, through the notice's link")
                .contains("\"requestedBy\":\"CUSTOMER\"").doesNotContain("\"user\"");
    }

    /** Part of the order had arrived: "Cancel the order" read as if the parcel they had would be taken back too. */
    @Test
    void aPartlySentOrderOffersToCancelWhatHasNotBeenSent() {
        String orderId = "C-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(chair, 2), new PlaceOrderRequest.LineRequest(table, 1)),
                ShipPolicy.PARTIAL, 0, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
        execute(job(instance));
        execute(job(instance));
        execute(job(instance));
        assertThat(order(instance).status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        delayed.delay(instance, 20);
        String token = token(instance);

        assertThat(jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'DELAYED'")
                .param(orderId).query(String.class).single())
                .contains("Cancel what has not been sent: ").doesNotContain("Cancel the order");
        assertThat(http.getForEntity("/choice/" + token, String.class).getBody())
                .contains("Cancel what has not been sent").doesNotContain("Cancel the order");
        assertThat(choose(token, "CANCEL").getBody()).contains("We cancel what has not been sent yet; you pay only for what we sent");
        jobs.completeBatches();
        for (int step = 0; step < 5 && !engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .executable().list().isEmpty(); step++) {
            execute(job(instance));
        }
        assertThat(instance).isEnded();
        // The cancellation's own e-mail read "Your order has been cancelled", as if the parcel went back too.
        assertThat(jdbc.sql("SELECT subject || '|' || body_text FROM notification_outbox WHERE order_id = ? AND kind = 'CANCELLED'")
                .param(orderId).query(String.class).single())
                .startsWith("The rest of your order " + orderId + " has been cancelled|")
                .contains("We have cancelled what had not been sent yet").doesNotContain("Your order has been cancelled");
    }

    /** With the database out of reach the customer's browser got the API's JSON: a page in their language now. */
    @Test
    void aDatabaseOutageIsAPageToTryAgainNotAnErrorJson() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/choice/anything");
        request.addHeader("Accept-Language", "de");
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView page = choiceController.failed(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("Connection is not available")), request, response);

        assertThat(page.getViewName()).isEqualTo("choice/refused");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getModel().get("title")).isEqualTo("Bitte versuchen Sie es in einigen Minuten noch einmal");
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    }

    @Test
    void tamperedLinkIsRefusedWithAClearPage() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);
        String payload = token.substring(0, token.indexOf('.'));
        String otherSignature = token.substring(token.indexOf('.') + 1).replaceFirst(".", "A").equals(
                token.substring(token.indexOf('.') + 1)) ? "B" : "A";
        String tampered = payload + "." + otherSignature + token.substring(token.indexOf('.') + 2);

        for (String bad : List.of(tampered, "not-a-token", payload + ".", "x.y.z", payload.substring(2) + token.substring(token.indexOf('.')))) {
            ResponseEntity<String> page = http.getForEntity("/choice/" + bad, String.class);
            assertThat(page.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(page.getBody()).contains("This link is not valid");
            assertThat(choose(bad, "CANCEL").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(order(instance).cancelRequested()).isFalse();
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
    }

    @Test
    void expiredLinkIsRefused() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(15))));

        ResponseEntity<String> page = http.getForEntity("/choice/" + token, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("expired");
        assertThat(choose(token, "CANCEL").getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(order(instance).cancelRequested()).isFalse();
    }

    @Test
    void usedLinkIsRefusedTheSecondTime() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);
        assertThat(choose(token, "KEEP_WAITING").getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> again = choose(token, "CANCEL");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("used already");
        assertThat(http.getForEntity("/choice/" + token, String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(order(instance).cancelRequested()).isFalse();
        assertThat(jdbc.sql("SELECT choice FROM customer_choice WHERE order_id = ?").param(instance.getBusinessKey())
                .query(String.class).list()).containsExactly("KEEP_WAITING");
    }

    @Test
    void unknownChoiceIsRefusedAndTheLinkStillWorks() {
        ProcessInstance instance = delayedOrder();
        String token = token(instance);

        assertThat(choose(token, "SHIP_EVERYTHING_FOR_FREE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(choose(token, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(choose(token, "KEEP_WAITING").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * The customer rang support to have the chairs sent now and the table given up: support could only cancel the
     * whole order for them, or leave them waiting for the next notice's link.
     */
    @Test
    void supportShipsWhatIsAvailableForACustomerWhoAskedWithoutALink() {
        ProcessInstance instance = delayedOrder();
        String path = "/api/orders/" + instance.getBusinessKey() + "/ship-available";
        String agent = login(IdentitySetup.SUPPORT);

        ResponseEntity<JsonNode> asked = http.withBasicAuth(agent, agent).postForEntity(path, null, JsonNode.class);

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(asked.getHeaders().getLocation()).hasToString("/api/orders/" + instance.getBusinessKey());
        execute(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_CancelBackorderedRest").singleResult());
        jobs.completeBatches();
        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("Task_CancelBackorderedRest", "EndEvent_OrderShipped");
        Order shipped = order(instance);
        assertThat(line(shipped, chair).shipped()).isEqualTo(2);
        assertThat(line(shipped, table).cancelled()).isEqualTo(1);
        assertThat(payments.find(shipped.id()).orElseThrow().voided()).isEqualByComparingTo("400.00");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'CUSTOMER_CHOSE'")
                .param(shipped.id()).query(String.class).single())
                .contains("\"choice\":\"SHIP_AVAILABLE\"", "\"askedThrough\":\"API\"", "\"by\":\"" + agent + "\"");

        ResponseEntity<JsonNode> again = http.withBasicAuth(agent, agent).postForEntity(path, null, JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(choose(token(instance), "KEEP_WAITING").getStatusCode()).as("the notice's link after it")
                .isEqualTo(HttpStatus.CONFLICT);
    }

    /** Nothing in stock: giving up the table would have shipped nothing and ended the order empty. */
    @Test
    void shippingWhatIsAvailableWithNothingInStockIsRefusedSayingSo() {
        ProcessInstance instance = delayed.backordered(List.of(new PlaceOrderRequest.LineRequest(table, 1)), "en");
        String shop = login(IdentitySetup.SHOP);

        ResponseEntity<JsonNode> asked = http.withBasicAuth(shop, shop)
                .postForEntity("/api/orders/" + instance.getBusinessKey() + "/ship-available", null, JsonNode.class);

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(asked.getBody().get("detail").asText()).contains("is in stock yet");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_choice WHERE order_id = ?").param(instance.getBusinessKey())
                .query(Integer.class).single()).isZero();
        assertThat(types(instance)).doesNotContain("CUSTOMER_CHOSE");
        assertThat(http.withBasicAuth(shop, shop).postForEntity("/api/orders/NO-SUCH-ORDER/ship-available", null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** A COMPLETE order holding 2 chairs and waiting for a table whose supplier slipped far beyond the threshold. */
    private ProcessInstance delayedOrder() {
        ProcessInstance instance = delayed.backordered(chair, table);
        delayed.delay(instance, 20);
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        return instance;
    }

    private String token(ProcessInstance instance) {
        String text = jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'DELAYED'")
                .param(instance.getBusinessKey()).query(String.class).single();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a choice link in the delay notice").isTrue();
        return link.group(1);
    }

    /** A login of {@code group}, as the shop's system or a support agent has; its password is its name. */
    private String login(String group) {
        String user = group + UUID.randomUUID().toString().substring(0, 8);
        User account = identity.newUser(user);
        account.setPassword(user);
        identity.saveUser(account);
        identity.createMembership(user, group);
        return user;
    }

    private ResponseEntity<String> choose(String token, String choice) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (choice != null) {
            form.add("choice", choice);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("/choice/" + token, new HttpEntity<>(form, headers), String.class);
    }

    private Order order(ProcessInstance instance) {
        return orderRepository.find(instance.getBusinessKey()).orElseThrow();
    }

    private static OrderLine line(Order order, String sku) {
        return order.lines().stream().filter(l -> l.sku().equals(sku)).findFirst().orElseThrow();
    }

    private List<String> types(ProcessInstance instance) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(instance.getBusinessKey())
                .query(String.class).list();
    }
}
