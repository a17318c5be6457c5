package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Customer;
import com.orderflow.order.Order;
import com.orderflow.order.OrderLine;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderStatus;
import com.orderflow.order.ShipPolicy;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.RefusingSmtpServer;
import com.orderflow.support.TestCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail server that refuses an address for good (550) is not a mail server that is down: the notice
 * is given up at once, and the notices behind it go out in the same look. It was retried for an hour,
 * and each try stopped the look, holding every other customer's notice back.
 */
@SpringBootTest(properties = {"orderflow.notification.poll-interval=PT1H", "orderflow.notification.max-attempts=8",
        "orderflow.notification.backoff.initial=PT0.2S"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RefusedRecipientTest {

    static final RefusingSmtpServer smtp = new RefusingSmtpServer();

    @Autowired CustomerNotifier notifier;
    @Autowired NoticeSender sender;
    @Autowired OrderRepository orders;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired OrderNoticeController notices;
    @Autowired CustomerEmailChange emailChange;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stopMailServer() throws IOException {
        smtp.close();
    }

    @Test
    void anAddressRefusedForGoodIsGivenUpAtOnceAndTheNextNoticeStillGoesOut(CapturedOutput output) {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String lamp = catalog.product("40.00", 1);
        Order unknown = order("bounce-" + UUID.randomUUID() + "@example.com", lamp);
        Order known = order("ada-" + UUID.randomUUID() + "@example.com", lamp);
        confirm(unknown, known);

        parkOthers(unknown.id(), known.id());

        int sent = sender.sendDue();

        assertThat(outbox(unknown.id())).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(outbox(unknown.id()).get("last_error").toString()).contains("550");
        assertThat(outbox(known.id())).containsEntry("status", "SENT");
        assertThat(sent).as("in the same look as the refusal").isEqualTo(1);
        assertThat(smtp.accepted()).anyMatch(recipient -> recipient.contains(known.customer().email()))
                .noneMatch(recipient -> recipient.contains("bounce"));
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'").param(unknown.id())
                .query(String.class).single()).as("the server's reply, for the shop's support to read")
                .contains("550 5.1.1 <b***@example.com>: Recipient address rejected: User unknown")
                .doesNotContain(unknown.customer().email(), "Exception");
        // The log (read more widely and kept longer than the database) and the outbox's error get no address.
        assertThat(outbox(unknown.id()).get("last_error").toString()).contains("b***@example.com")
                .doesNotContain(unknown.customer().email());
        assertThat(output.getAll()).contains("b***@example.com").doesNotContain(unknown.customer().email());
    }

    /** A relay refusing the sender (a login missing or expired) refuses every notice alike: it is down, not they. */
    @Test
    void aRefusedSenderFailsNoNoticeAndTheyGoOutOnceTheServerTakesThem() {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String lamp = catalog.product("40.00", 1);
        Order order = order("ada-" + UUID.randomUUID() + "@example.com", lamp);
        Order next = order("bob-" + UUID.randomUUID() + "@example.com", lamp);
        parkOthers(order.id(), next.id());
        smtp.refuseSenders(true);
        try {
            confirm(order, next);
            assertThat(sender.sendDue()).isZero();
            for (Order refused : List.of(order, next)) {
                assertThat(outbox(refused.id())).as("the next notice failed alike: the server is down")
                        .containsEntry("status", "PENDING").containsEntry("attempts", 0);
                assertThat(outbox(refused.id()).get("last_error").toString()).contains("530");
            }
            // Support reads that the e-mail has not gone out, which the timeline's NOTIFIED does not say.
            assertThat(notices.notices(order.id())).singleElement().satisfies(notice -> {
                assertThat(notice.status()).isEqualTo("PENDING");
                assertThat(notice.nextAttemptAt()).isNotNull();
                assertThat(notice.sentAt()).isNull();
                assertThat(notice.lastError()).contains("530");
            });
        } finally {
            smtp.refuseSenders(false);
        }

        // Each notice is due again on its own back-off: one poll may send one, the next the other.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sender.sendDue();
            return "SENT".equals(outbox(order.id()).get("status")) && "SENT".equals(outbox(next.id()).get("status"));
        });
        assertThat(outbox(order.id())).containsEntry("status", "SENT");
        assertThat(notices.notices(order.id())).singleElement().satisfies(notice -> {
            assertThat(notice.status()).isEqualTo("SENT");
            assertThat(notice.kind()).isEqualTo(NoticeKind.CONFIRMED);
            assertThat(notice.recipient()).isEqualTo(order.customer().email());
            assertThat(notice.sentAt()).isNotNull();
            assertThat(notice.nextAttemptAt()).isNull();
            assertThat(notice.subject()).contains(order.id());
            assertThat(notice.bodyText()).as("what the customer read").contains(order.id());
        });
        assertThat(outbox(next.id())).containsEntry("status", "SENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'").param(order.id())
                .query(Integer.class).single()).isZero();
    }

    /**
     * A server that drops the connection on one notice and takes the next is not down: that notice's attempts
     * count, and at the last one it is given up. Counted as an outage, it was tried every look for ever, and
     * neither the outbox nor the timeline ever said it would not arrive.
     */
    @Test
    void aNoticeTheServerDropsWhileTakingTheNextUsesUpItsAttempts() {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String lamp = catalog.product("40.00", 1);
        Order dropped = order("drop-" + UUID.randomUUID() + "@example.com", lamp);
        Order known = order("ada-" + UUID.randomUUID() + "@example.com", lamp);
        confirm(dropped, known);
        parkOthers(dropped.id(), known.id());

        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(outbox(known.id())).containsEntry("status", "SENT");
        assertThat(outbox(dropped.id())).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat(jdbc.sql("SELECT next_attempt_at > CURRENT_TIMESTAMP FROM notification_outbox WHERE order_id = ?")
                .param(dropped.id()).query(Boolean.class).single()).as("backing off").isTrue();

        // Its last attempt, while the server takes another customer's notice.
        Order another = order("eve-" + UUID.randomUUID() + "@example.com", lamp);
        confirm(another);
        jdbc.sql("UPDATE notification_outbox SET attempts = 7, next_attempt_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE"
                + " WHERE order_id = ?").param(dropped.id()).update();
        parkOthers(dropped.id(), another.id());

        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(outbox(another.id())).containsEntry("status", "SENT");
        assertThat(outbox(dropped.id())).containsEntry("status", "FAILED").containsEntry("attempts", 8);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'").param(dropped.id())
                .query(String.class).single()).contains("failed on this notice while it took others");
        assertThat(smtp.accepted()).noneMatch(recipient -> recipient.contains("drop"));
    }

    /**
     * A relay that queued the whole message and whose answer was lost (slower than {@code mail.smtp.timeout}, or the
     * connection dropped after the final dot) was taken for a server that is down: the notice went back uncounted,
     * and the customer got the same e-mail at every look.
     */
    @Test
    void aMessageWhoseAnswerWasLostIsNotSentAgainAndTheTimelineSaysItMayHaveArrived(CapturedOutput output) {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String lamp = catalog.product("40.00", 1);
        String silent = "silent-" + UUID.randomUUID() + "@example.com";
        Order unanswered = order(silent, lamp);
        Order known = order("ada-" + UUID.randomUUID() + "@example.com", lamp);
        confirm(unanswered, known);
        parkOthers(unanswered.id(), known.id());

        assertThat(sender.sendDue()).isEqualTo(1);
        jdbc.sql("UPDATE notification_outbox SET next_attempt_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE order_id = ?")
                .param(unanswered.id()).update();
        sender.sendDue();

        assertThat(smtp.accepted()).as("one e-mail").containsOnlyOnce("<" + silent + ">");
        assertThat(outbox(known.id())).containsEntry("status", "SENT");
        assertThat(outbox(unanswered.id())).containsEntry("status", "FAILED");
        assertThat((String) outbox(unanswered.id()).get("last_error")).contains("may or may not have been delivered");
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'NOTICE_FAILED'")
                .param(unanswered.id()).query(String.class).single()).contains("answer did not come");
        assertThat(output).contains("Notice", unanswered.id(), "given up");
    }

    /** The customer phoned: their address was mistyped. Support had no way to correct it or to send again. */
    @Test
    void aCorrectedAddressGetsTheNoticesGivenUpAndTheOnesToCome() {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String lamp = catalog.product("40.00", 1);
        Order mistyped = order("bounce-" + UUID.randomUUID() + "@example.com", lamp);
        Order other = order("bob-" + UUID.randomUUID() + "@example.com", lamp);
        confirm(mistyped);
        parkOthers(mistyped.id(), other.id());
        sender.sendDue();
        assertThat(outbox(mistyped.id())).containsEntry("status", "FAILED");
        String corrected = "ada-" + UUID.randomUUID() + "@example.com";

        CustomerEmailChange.Readdressed readdressed = emailChange.change(mistyped.id(), corrected, "support");

        assertThat(readdressed.resentNotices()).isOne();
        assertThat(orders.find(mistyped.id()).orElseThrow().customer().email()).isEqualTo(corrected);
        parkOthers(mistyped.id(), other.id());
        assertThat(sender.sendDue()).isOne();
        assertThat(outbox(mistyped.id())).containsEntry("status", "SENT").containsEntry("recipient", corrected);
        assertThat(smtp.accepted()).anyMatch(recipient -> recipient.contains(corrected));
        transaction.executeWithoutResult(status -> notifier.notify(mistyped.id(), NoticeKind.CONFIRMED, "again"));
        assertThat(jdbc.sql("SELECT recipient FROM notification_outbox WHERE order_id = ? AND reference = 'again'")
                .param(mistyped.id()).query(String.class).single()).as("the next notice").isEqualTo(corrected);
        assertThat(jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'EMAIL_CHANGED'")
                .param(mistyped.id()).query(String.class).single()).contains("\"by\":\"support\"", "\"resentNotices\":1")
                .as("the timeline names no address").doesNotContain("example.com");
    }

    /** Writes each order's confirmation notice, in this order, so that the first is claimed first. */
    private void confirm(Order... placed) {
        transaction.executeWithoutResult(status -> {
            for (Order order : placed) {
                notifier.notify(order.id(), NoticeKind.CONFIRMED, null);
            }
        });
    }

    /** Notices earlier tests left unsent (they ran without a mail server) would go first and fill the look. */
    private void parkOthers(String one, String other) {
        jdbc.sql("UPDATE notification_outbox SET next_attempt_at = next_attempt_at + INTERVAL '1' DAY"
                + " WHERE status = 'PENDING' AND order_id NOT IN (?, ?)").params(one, other).update();
    }

    private Order order(String email, String sku) {
        Order order = new Order("R-" + UUID.randomUUID(), OrderStatus.ACCEPTED, new Customer("Ada Lovelace", email, "en"),
                ShipPolicy.PARTIAL, 0, "tok_visa", "EUR", new BigDecimal("40.00"), "hash", null, null, null,
                List.of(new OrderLine(1, sku, 1, new BigDecimal("40.00"), 0, 0, 0, 0, null, false)), null, null, null);
        transaction.executeWithoutResult(status -> orders.insert(order));
        return order;
    }

    private Map<String, Object> outbox(String orderId) {
        return jdbc.sql("SELECT status, attempts, last_error, recipient FROM notification_outbox WHERE order_id = ?")
                .param(orderId).query().singleRow();
    }
}
