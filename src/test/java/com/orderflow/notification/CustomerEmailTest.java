package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaBasis;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Customer;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.order.Timeline;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.payment.PaymentStatus;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.shipping.Shipment;
import com.orderflow.shipping.ShipmentLine;
import com.orderflow.shipping.ShipmentRepository;
import com.orderflow.support.TestCatalog;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer e-mail end to end: notices written by the business steps, rendered in the customer's
 * language, delivered over real SMTP (GreenMail) by the scheduled sender and by racing senders.
 * Expected texts are written out here, not taken from the code under test.
 */
@SpringBootTest(properties = {
        "orderflow.notification.poll-interval=PT0.2S",
        "orderflow.notification.backoff.initial=PT0.2S",
        "orderflow.notification.backoff.max=PT0.5S",
        "orderflow.notification.max-attempts=1000",
        "orderflow.notification.from=Test Shop <orders@shop.example>",
        "orderflow.notification.shop-name=Test Shop"})
@ActiveProfiles("test")
class CustomerEmailTest {

    static final int SMTP_PORT = freePort();
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String NBSP = "\u00a0";

    static GreenMail smtp;

    @Autowired CustomerNotifier notifier;
    @Autowired NoticeSender sender;
    @Autowired NoticeOutbox outbox;
    @Autowired NoticeMailer mailer;
    @Autowired NotificationProperties settings;
    @Autowired Timeline timeline;
    @Autowired PlatformTransactionManager transactions;
    @Autowired DelayNoticePolicy delayPolicy;
    @Autowired OrderService orderService;
    @Autowired OrderRepository orders;
    @Autowired BackorderRepository backorders;
    @Autowired ShipmentRepository shipments;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired PaymentRepository payments;

    TestCatalog catalog;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startMailServer() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(suppliers, products, stock, transaction);
    }

    @Test
    void confirmationListsLinesAndTotalInGermanFormats() throws Exception {
        String chair = catalog.product("149.00", 10);
        String table = catalog.product("936.50", 10);
        Order order = order("de", ShipPolicy.PARTIAL, line(1, chair, 2, "149.00"), line(2, table, 1, "936.50"));

        inStep(() -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null));
        inStep(() -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null));

        MimeMessage mail = onlyMailTo(order);
        assertThat(mail.getSubject()).isEqualTo("Ihre Bestellung " + order.id() + " ist bestätigt");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("orders@shop.example");
        assertThat(((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Ada Lovelace");
        assertThat(mail.getMessageID()).matches("<notice-\\d+\\.[0-9a-f]{16}@shop\\.example>");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        String text = text(mail);
        assertThat(text).startsWith("Hallo Ada Lovelace,")
                .contains("2 × " + productName(chair) + ": 298,00 €")
                .contains("1 × " + productName(table) + ": 936,50 €")
                .contains("Gesamt: 1.234,50 €")
                .contains("Ihr Test Shop-Team");
        assertThat(html(mail)).contains("<html lang=\"de\">").contains("Gesamt: 1.234,50 €");
        assertThat(timelineKinds(order.id())).containsExactly("CONFIRMED");
    }

    @Test
    void backorderNoticeGivesTheEtaOfEachLineAsADateInBerlin() throws Exception {
        String lamp = catalog.product("40.00", 10);
        String shelf = catalog.product("1250.00", 0);
        Order order = order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00"), line(2, shelf, 3, "1250.00"));
        // 23:30 UTC is already the next day in Berlin.
        backorder(order, 2, shelf, 3, Instant.parse("2026-04-09T23:30:00Z"));
        reserve(order, 1, 1);

        inStep(() -> notifier.notify(order.id(), NoticeKind.BACKORDERED, null));

        MimeMessage mail = onlyMailTo(order);
        assertThat(mail.getSubject()).isEqualTo("Your order " + order.id() + ": some items will follow later");
        assertThat(text(mail)).startsWith("Hello Ada Lovelace,")
                .contains("3 × " + productName(shelf) + ": expected by April 10, 2026")
                .doesNotContain(productName(lamp) + ": expected")
                .contains("What is in stock goes out now");
        assertThat(html(mail)).contains("expected by April 10, 2026");
    }

    @Test
    void secondDelayNoticeApologisesWithTheNewEtaTheConsolationAndTheChoiceLinks() throws Exception {
        String table = catalog.product("500.00", 0);
        Order order = order("de-AT", ShipPolicy.COMPLETE, line(1, table, 2, "500.00"));
        backorder(order, 1, table, 2, Instant.parse("2026-04-01T08:00:00Z"));
        Instant newEta = Instant.parse("2026-04-20T08:00:00Z");
        String keep = "https://shop.example/choice/tok-keep?x=1&y=2";
        String cancel = "https://shop.example/choice/tok-cancel";
        ConsolationOffer offer = delayPolicy.consolationFor(2).orElseThrow();

        inStep(() -> notifier.notify(order.id(), NoticeKind.DELAYED, "delay-2", Map.of(
                NoticeData.NEW_ETA, newEta,
                NoticeData.CONSOLATION, offer,
                NoticeData.DISCOUNT_CODE, "SORRY-42",
                NoticeData.CHOICE_LINKS, Map.of(NoticeData.CANCEL, cancel, NoticeData.KEEP_WAITING, keep))));

        MimeMessage mail = onlyMailTo(order);
        assertThat(mail.getSubject()).isEqualTo("Ihre Bestellung " + order.id() + " verzögert sich");
        assertThat(text(mail)).contains("Es tut uns leid")
                .contains("2 × " + productName(table))
                .contains("Wir erwarten sie jetzt bis 20. April 2026.")
                .contains("Als Entschuldigung erhalten Sie 10 % Rabatt")
                .contains("Ihr Rabattcode: SORRY-42")
                .contains("Weiter warten: " + keep + "\n  Bestellung stornieren: " + cancel)
                .doesNotContain("Verfügbares jetzt senden");
        assertThat(html(mail)).contains("href=\"https://shop.example/choice/tok-keep?x=1&amp;y=2\"")
                .contains("href=\"" + cancel + "\"");
        assertThat(timelineDetails(order.id())).contains("\"newEta\":\"2026-04-20T08:00:00Z\"")
                .doesNotContain("tok-keep");
    }

    @Test
    void shipmentNoticesCarryTheTrackingNumberAndWhatIsStillToCome() throws Exception {
        String chair = catalog.product("100.00", 10);
        String table = catalog.product("500.00", 0);
        Order order = order("en-GB", ShipPolicy.PARTIAL, line(1, chair, 2, "100.00"), line(2, table, 1, "500.00"));
        backorder(order, 2, table, 1, Instant.parse("2026-05-04T10:00:00Z"));
        String first = dispatched(order, 1, "TRK-" + UUID.randomUUID(), new ShipmentLine(1, chair, 2, new BigDecimal("100.00")));
        String second = dispatched(order, 2, "TRK-" + UUID.randomUUID(), new ShipmentLine(2, table, 1, new BigDecimal("500.00")));

        inStep(() -> notifier.notify(order.id(), NoticeKind.PARTIALLY_SHIPPED, first));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(order).size() == 1);
        fill(order, 2);
        inStep(() -> notifier.notify(order.id(), NoticeKind.SHIPPED, second));

        List<MimeMessage> mails = awaitMails(order, 2);
        MimeMessage partly = mails.stream().filter(m -> subject(m).startsWith("Part of")).findFirst().orElseThrow();
        MimeMessage complete = mails.stream().filter(m -> subject(m).startsWith("Your order")).findFirst().orElseThrow();
        assertThat(text(partly)).contains("2 × " + productName(chair))
                .contains("Tracking number (SIMCARRIER): " + shipments.find(first).orElseThrow().trackingNumber())
                .contains("We have charged €200.00 for this parcel.")
                .contains("Still to come:")
                .contains("1 × " + productName(table) + ": expected by 4 May 2026");
        assertThat(text(complete)).contains("1 × " + productName(table))
                .contains("Tracking number (SIMCARRIER): " + shipments.find(second).orElseThrow().trackingNumber())
                .contains("We have charged €500.00 for this parcel.")
                .doesNotContain("Still to come");
    }

    /** A supplier's parcel goes out on its own: the chair waiting in the warehouse must not go unmentioned. */
    @Test
    void aParcelSentAheadOfGoodsHeldInTheWarehouseSaysTheyFollow() throws Exception {
        String vase = catalog.product("80.00", 0);
        String chair = catalog.product("100.00", 1);
        Order order = order("en-GB", ShipPolicy.COMPLETE, line(1, vase, 1, "80.00"), line(2, chair, 1, "100.00"));
        reserve(order, 2, 1);
        String parcel = dispatched(order, 1, "DS-" + UUID.randomUUID(), new ShipmentLine(1, vase, 1, new BigDecimal("80.00")));

        inStep(() -> notifier.notify(order.id(), NoticeKind.PARTIALLY_SHIPPED, parcel));

        MimeMessage mail = onlyMailTo(order);
        assertThat(text(mail)).contains("In this parcel:\n\n  1 × " + productName(vase))
                .contains("Ready for you and sent in a parcel of its own:\n\n  1 × " + productName(chair))
                .doesNotContain("Still to come");
        assertThat(html(mail)).contains("Ready for you and sent in a parcel of its own:");
    }

    @Test
    void cancellationReachesTheCustomerWithWhatHappenedToTheMoney() throws Exception {
        String sofa = catalog.product("1234.50", 1);
        Order order = order("de", ShipPolicy.PARTIAL, line(1, sofa, 1, "1234.50"));
        payments.insert(new Payment(order.id(), "auth-" + order.id(), PaymentStatus.VOIDED, "EUR",
                new BigDecimal("1234.50"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1234.50")));

        inStep(() -> notifier.notify(order.id(), NoticeKind.CANCELLED, null));

        MimeMessage cancelled = onlyMailTo(order);
        assertThat(cancelled.getSubject()).isEqualTo("Ihre Bestellung " + order.id() + " wurde storniert");
        assertThat(text(cancelled)).contains("Ihre Bestellung wurde storniert")
                .contains("Die noch auf Ihrer Karte reservierten 1.234,50 € haben wir freigegeben.")
                .contains("Für diese Bestellung wurde Ihnen nichts berechnet.")
                .doesNotContain("Bestätigung");
        assertThat(html(cancelled)).contains("1.234,50 €");
    }

    @Test
    void orderProcessEmailsTheBackorderAndTheFirstShipment() throws Exception {
        String lamp = catalog.product("40.00", 1);
        String orderId = "E-" + UUID.randomUUID();
        String email = "grace-" + UUID.randomUUID() + "@example.com";

        orderService.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Grace", email, "en"),
                List.of(new PlaceOrderRequest.LineRequest(lamp, 3)), ShipPolicy.PARTIAL, 0,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email).size() == 2);
        Instant eta = backorders.ofOrder(orderId).get(0).eta();
        String expectedEta = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).format(eta.atZone(BERLIN));
        String tracking = shipments.ofOrder(orderId).get(0).trackingNumber();
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).extracting(CustomerEmailTest::subject).containsExactlyInAnyOrder(
                "Your order " + orderId + ": some items will follow later",
                "Part of your order " + orderId + " is on its way");
        MimeMessage backordered = mails.stream().filter(m -> subject(m).contains("follow later")).findFirst().orElseThrow();
        MimeMessage shipped = mails.stream().filter(m -> subject(m).startsWith("Part of")).findFirst().orElseThrow();
        assertThat(text(backordered)).contains("2 × " + productName(lamp) + ": expected by " + expectedEta);
        assertThat(text(shipped)).contains("1 × " + productName(lamp)).contains(tracking).contains("€40.00");
    }

    @Test
    void noticesWaitWhileTheMailServerIsDownAndGoOutOnceWhenItIsBack() throws Exception {
        String lamp = catalog.product("40.00", 1);
        Order order = order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00"));
        smtp.stop();
        try {
            inStep(() -> {
                notifier.notify(order.id(), NoticeKind.CONFIRMED, null);
                notifier.notify(order.id(), NoticeKind.CANCELLED, null);
            });

            // Tried and put back, again and again, without using up the notices' attempts: an outage longer
            // than the back-off's hour turned every notice it held into a FAILED one, sent never.
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(order.id()).stream()
                    .anyMatch(row -> String.valueOf(row.get("last_error")).contains("Mail server connection failed")));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> outboxRows(order.id()).stream()
                    .allMatch(row -> ((Number) row.get("attempts")).intValue()
                            == ("SENDING".equals(row.get("status")) ? 1 : 0) && !"FAILED".equals(row.get("status"))));
        } finally {
            smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(order.id()).stream()
                .allMatch(row -> "SENT".equals(row.get("status"))));
        assertThat(mailsTo(order)).extracting(CustomerEmailTest::subject).containsExactlyInAnyOrder(
                "Your order " + order.id() + " is confirmed", "Your order " + order.id() + " has been cancelled");
    }

    @Test
    void stepThatRollsBackLeavesNoNoticeBehind() {
        String lamp = catalog.product("40.00", 1);
        Order order = order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00"));

        assertThatThrownBy(() -> inStep(() -> {
            notifier.notify(order.id(), NoticeKind.CANCELLED, null);
            throw new IllegalStateException("the cancellation failed after the notice was written");
        })).hasMessageContaining("cancellation failed");

        assertThat(outboxRows(order.id())).isEmpty();
        assertThat(timelineKinds(order.id())).isEmpty();
        assertThatThrownBy(() -> notifier.notify(order.id(), NoticeKind.CANCELLED, null))
                .as("a notice outside the step's transaction could outlive a rolled-back step")
                .isInstanceOf(IllegalTransactionStateException.class);

        inStep(() -> notifier.notify(order.id(), NoticeKind.CANCELLED, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(order).size() == 1);
    }

    @Test
    void racingSendersSendEachNoticeOnce() throws Exception {
        String lamp = catalog.product("40.00", 100);
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            placed.add(order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00")));
        }
        inStep(() -> placed.forEach(order -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null)));

        ExecutorService racers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(racers.submit(() -> {
                    start.await();
                    int sent = 0;
                    for (int round = 0; round < 5; round++) {
                        sent += sender.sendDue();
                    }
                    return sent;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            racers.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> placed.stream()
                .allMatch(order -> outboxRows(order.id()).stream().allMatch(row -> "SENT".equals(row.get("status")))));
        for (Order order : placed) {
            assertThat(mailsTo(order)).as("mails to %s", order.customer().email()).hasSize(1);
            assertThat(outboxRows(order.id())).extracting(row -> ((Number) row.get("attempts")).intValue()).containsExactly(1);
        }
    }

    /** A stopping node claims nothing more: a notice it held when it was killed was never sent. */
    @Test
    void aStoppingNodeLeavesTheOutboxToTheOthers() {
        NoticeSender stoppingNode = new NoticeSender(outbox, mailer, settings, timeline, transactions, Clock.systemUTC());
        String lamp = catalog.product("40.00", 1);
        Order order = order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00"));

        stoppingNode.stopClaiming();
        inStep(() -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null));

        assertThat(stoppingNode.sendDue()).isZero();
        // The mail server has the message a moment before the sender marks the row sent.
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(outboxRows(order.id()).get(0).get("status")));
        assertThat(mailsTo(order)).hasSize(1);
        assertThat(outboxRows(order.id()).get(0)).containsEntry("attempts", 1);
    }

    /** A notice whose sender died mid-send may have gone out; it is not sent again, and support must know. */
    @Test
    void aNoticeLeftMidSendByASenderThatDiedIsGivenUpOnTheTimeline() {
        String lamp = catalog.product("40.00", 1);
        Order order = order("en", ShipPolicy.PARTIAL, line(1, lamp, 1, "40.00"));
        inStep(() -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null));
        jdbc.sql("UPDATE notification_outbox SET status = 'SENDING', attempts = 1, claimed_by = 'a-node-that-died',"
                + " claimed_until = ? WHERE order_id = ?").params(OffsetDateTime.now().minusMinutes(1), order.id()).update();

        sender.sendDue();

        assertThat(outboxRows(order.id()).get(0)).containsEntry("status", "FAILED");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'").param(order.id())
                .query(String.class).single()).contains("\"kind\":\"CONFIRMED\"", "may or may not have been delivered");
        assertThat(mailsTo(order)).isEmpty();
    }

    @Test
    void unusableAddressIsGivenUpAtOnce() {
        String lamp = catalog.product("40.00", 1);
        Order order = order("en", ShipPolicy.PARTIAL, "not an address", line(1, lamp, 1, "40.00"));

        inStep(() -> notifier.notify(order.id(), NoticeKind.CONFIRMED, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(outboxRows(order.id()).get(0).get("status")));
        assertThat(outboxRows(order.id()).get(0)).containsEntry("attempts", 1);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'").param(order.id())
                .query(String.class).single()).as("support must not tell the customer an e-mail reached them")
                .contains("\"kind\":\"CONFIRMED\"");
    }

    // --- given: orders, backorders and shipments written straight into the books

    private Order order(String locale, ShipPolicy policy, OrderLine... lines) {
        return order(locale, policy, "ada-" + UUID.randomUUID() + "@example.com", lines);
    }

    private Order order(String locale, ShipPolicy policy, String email, OrderLine... lines) {
        BigDecimal total = Arrays.stream(lines).map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Order order = new Order("N-" + UUID.randomUUID(), OrderStatus.ACCEPTED, new Customer("Ada Lovelace", email, locale),
                policy, 0, "tok_visa", "EUR", total, "hash", null, null, null, List.of(lines), null, null, null);
        transaction.executeWithoutResult(status -> orders.insert(order));
        return order;
    }

    private static OrderLine line(int lineNo, String sku, int quantity, String unitPrice) {
        return new OrderLine(lineNo, sku, quantity, new BigDecimal(unitPrice), 0, 0, 0, 0, null, false);
    }

    private void backorder(Order order, int lineNo, String sku, int quantity, Instant eta) {
        transaction.executeWithoutResult(status -> {
            long id = backorders.insert(order.id(), lineNo, sku, quantity, 0, Instant.now());
            backorders.plan(id, new Eta(eta, EtaBasis.LEAD_TIME), false);
            orders.addBackordered(order.id(), lineNo, quantity);
        });
    }

    private void reserve(Order order, int lineNo, int quantity) {
        transaction.executeWithoutResult(status -> orders.addReserved(order.id(), lineNo, quantity));
    }

    private void fill(Order order, int lineNo) {
        jdbc.sql("UPDATE backorder SET open_quantity = 0, status = 'FILLED' WHERE order_id = ? AND line_no = ?")
                .params(order.id(), lineNo).update();
    }

    private String dispatched(Order order, int seq, String tracking, ShipmentLine... lines) {
        String id = order.id() + "-S" + seq;
        transaction.executeWithoutResult(status -> {
            shipments.insert(new Shipment(id, order.id(), seq, "PACKED", null, null, List.of(lines)));
            shipments.markDispatched(id, "SIMCARRIER", tracking);
        });
        return id;
    }

    /** Runs a business step: its own transaction, as a delegate has inside the engine. */
    private void inStep(Runnable step) {
        transaction.executeWithoutResult(status -> step.run());
    }

    // --- then: what arrived, and what the books say

    private MimeMessage onlyMailTo(Order order) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo(order).isEmpty()
                && outboxRows(order.id()).stream().allMatch(row -> "SENT".equals(row.get("status"))));
        List<MimeMessage> mails = mailsTo(order);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private List<MimeMessage> awaitMails(Order order, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(order).size() >= count
                && outboxRows(order.id()).stream().allMatch(row -> "SENT".equals(row.get("status"))));
        List<MimeMessage> mails = mailsTo(order);
        assertThat(mails).hasSize(count);
        return mails;
    }

    private List<MimeMessage> mailsTo(Order order) {
        return mailsTo(order.customer().email());
    }

    private static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(address)) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part, with the no-break spaces of German amounts read as spaces. */
    private static String text(MimeMessage message) throws Exception {
        return part(message, 0, "text/plain").replace(NBSP, " ").replace("\r\n", "\n");
    }

    private static String html(MimeMessage message) throws Exception {
        return part(message, 1, "text/html").replace(NBSP, " ");
    }

    private static String part(MimeMessage message, int index, String type) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(index).getContentType()).startsWith(type).containsIgnoringCase("charset=UTF-8");
        return (String) alternatives.getBodyPart(index).getContent();
    }

    private String productName(String sku) {
        return products.find(sku).orElseThrow().name();
    }

    private List<Map<String, Object>> outboxRows(String orderId) {
        return jdbc.sql("SELECT status, attempts, last_error FROM notification_outbox WHERE order_id = ? ORDER BY id")
                .param(orderId).query().listOfRows();
    }

    private List<String> timelineKinds(String orderId) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTIFIED' ORDER BY id")
                .param(orderId).query(String.class).list().stream()
                .map(data -> data.replaceAll(".*\"kind\":\"([A-Z_]+)\".*", "$1")).toList();
    }

    private String timelineDetails(String orderId) {
        return String.join("\n", jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTIFIED'")
                .param(orderId).query(String.class).list());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
