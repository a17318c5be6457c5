package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox claim on both databases the service runs on: PostgreSQL (the test run's database) and
 * the embedded H2 of the default profile. No Spring context: just the migrations and the SQL.
 */
class NoticeOutboxClaimTest {

    static final Duration LEASE = Duration.ofMinutes(5);

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("PostgreSQL", new DriverManagerDataSource(System.getProperty("spring.datasource.url"),
                        System.getProperty("spring.datasource.username"), System.getProperty("spring.datasource.password"))),
                Arguments.of("H2", new DriverManagerDataSource("jdbc:h2:mem:claim-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "sa", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void noticeHeldByOneSenderIsSkippedByTheNextAndNeverClaimedTwice(String name, DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
        NoticeOutbox outbox = new NoticeOutbox(jdbc, Clock.systemUTC());
        String orderId = order(jdbc);
        transaction.executeWithoutResult(status -> {
            for (String kind : new String[] {"CONFIRMED", "BACKORDERED", "CANCELLED"}) {
                outbox.add("notice:" + orderId + ":" + kind, "notice:" + orderId + ":" + kind, orderId, NoticeKind.valueOf(kind), null,
                        "ada@example.com", "Ada", "en", new RenderedNotice("subject", "text", "<p>html</p>"));
            }
        });

        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<OutboxNotice>> slow = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            Optional<OutboxNotice> notice = outbox.claimNext(LEASE);
            claimed.countDown();
            await(release);
            return notice;
        }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        Optional<OutboxNotice> meanwhile = CompletableFuture.supplyAsync(() -> transaction.execute(status -> outbox.claimNext(LEASE)))
                .get(10, TimeUnit.SECONDS);
        release.countDown();
        Optional<OutboxNotice> first = slow.get(10, TimeUnit.SECONDS);
        Optional<OutboxNotice> third = claim(transaction, outbox);

        assertThat(first).map(OutboxNotice::kind).contains(NoticeKind.CONFIRMED);
        assertThat(meanwhile).as("the second sender skips the locked notice without waiting")
                .map(OutboxNotice::kind).contains(NoticeKind.BACKORDERED);
        assertThat(third).map(OutboxNotice::kind).contains(NoticeKind.CANCELLED);
        assertThat(claim(transaction, outbox)).isEmpty();
        assertThat(statuses(jdbc, orderId)).containsExactly("SENDING", "SENDING", "SENDING");
        assertThat(first.orElseThrow().attempts()).isEqualTo(1);

        outbox.retryLater(meanwhile.orElseThrow().id(), meanwhile.get().claim(),
                OffsetDateTime.now().plusMinutes(1).toInstant(), "421 try again later");
        assertThat(claim(transaction, outbox)).as("not due yet").isEmpty();
        NoticeOutbox aMinuteLater = new NoticeOutbox(jdbc, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        Optional<OutboxNotice> retried = claim(transaction, aMinuteLater);
        assertThat(retried).map(OutboxNotice::kind).contains(NoticeKind.BACKORDERED);
        assertThat(retried.orElseThrow().attempts()).isEqualTo(2);

        outbox.markSent(first.get().id(), first.get().claim());
        NoticeOutbox afterTheLease = new NoticeOutbox(jdbc, Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(3)));
        List<OutboxNotice> abandoned = transaction.execute(status -> afterTheLease.abandonExpiredClaims());
        assertThat(abandoned).filteredOn(n -> n.orderId().equals(orderId))
                .as("the retried and the third notice").extracting(OutboxNotice::kind)
                .containsExactlyInAnyOrder(NoticeKind.BACKORDERED, NoticeKind.CANCELLED);
        assertThat(statuses(jdbc, orderId)).containsExactly("SENT", "FAILED", "FAILED");
        assertThat(claim(transaction, afterTheLease)).as("a notice given up stays given up").isEmpty();

        outbox.markSent(third.get().id(), third.get().claim());
        assertThat(statuses(jdbc, orderId)).as("a slow sender's delivery still counts").containsExactly("SENT", "FAILED", "SENT");
    }

    /**
     * The outbox kept every sent e-mail's text for ever: names, items and the customer's personal choice links.
     * Dated in 2000, so no other test's notice in the shared database is as old.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sentNoticesLoseTheirTextAfterTheyWereKeptAndTheOthersKeepIt(String name, DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database));
        Instant jan1 = Instant.parse("2000-01-01T10:00:00Z");
        String orderId = order(jdbc);
        NoticeOutbox early = new NoticeOutbox(jdbc, Clock.fixed(jan1, ZoneOffset.UTC));
        NoticeOutbox later = new NoticeOutbox(jdbc, Clock.fixed(jan1.plus(Duration.ofDays(20)), ZoneOffset.UTC));
        transaction.executeWithoutResult(status -> {
            for (String kind : new String[] {"CONFIRMED", "BACKORDERED", "DELAYED"}) {
                early.add("notice:" + orderId + ":" + kind, "notice:" + orderId + ":" + kind, orderId, NoticeKind.valueOf(kind), null,
                        "ada@example.com", "Ada", "en", new RenderedNotice("subject " + kind, "Hello Ada", "<p>Hello Ada</p>"));
            }
        });
        OutboxNotice sentEarly = claim(transaction, early).orElseThrow();
        early.markSent(sentEarly.id(), sentEarly.claim());
        claim(transaction, early).orElseThrow();
        OutboxNotice sentLater = claim(transaction, later).orElseThrow();
        later.markSent(sentLater.id(), sentLater.claim());
        // The notice claimed and never sent is given up (FAILED): ops may need to read what it said.
        transaction.execute(status -> later.abandonExpiredClaims());

        int forgotten = early.forgetSentBodies(jan1.plus(Duration.ofDays(10)));

        assertThat(forgotten).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status || '|' || subject || '|' || recipient || '|' || body_text || '|' || body_html"
                        + " FROM notification_outbox WHERE order_id = ? ORDER BY id").param(orderId).query(String.class).list())
                .containsExactly("SENT|subject CONFIRMED|ada@example.com||", "FAILED|subject BACKORDERED|ada@example.com|Hello Ada|<p>Hello Ada</p>",
                        "SENT|subject DELAYED|ada@example.com|Hello Ada|<p>Hello Ada</p>");
        assertThat(early.forgetSentBodies(jan1.plus(Duration.ofDays(10)))).as("once").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE order_id = ? AND body_kept_since IS NOT NULL")
                .param(orderId).query(Integer.class).single())
                .as("the next run reads only the sent notice whose text is still kept, not every one ever sent").isOne();
    }

    private static Optional<OutboxNotice> claim(TransactionTemplate transaction, NoticeOutbox outbox) {
        return transaction.execute(status -> outbox.claimNext(LEASE));
    }

    private static String order(JdbcClient jdbc) {
        String orderId = "C-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                        INSERT INTO orders (id, status, customer_name, customer_email, customer_locale, ship_policy,
                                            payment_token, currency, total, request_hash, created_at, updated_at)
                        VALUES (?, 'ACCEPTED', 'Ada', 'ada@example.com', 'en', 'PARTIAL', 'tok', 'EUR', 1, 'h', ?, ?)""")
                .params(orderId, now, now).update();
        return orderId;
    }

    private static java.util.List<String> statuses(JdbcClient jdbc, String orderId) {
        return jdbc.sql("SELECT status FROM notification_outbox WHERE order_id = ? ORDER BY id").param(orderId)
                .query(String.class).list();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
