package com.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The timeline a customer and ops read: a step's entries appear when the step commits, in the order
 * the step recorded them, once per key, and not at all when the step rolls back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ActiveProfiles("test")
@Import({Timeline.class, OrderRepository.class, TimelineTest.Support.class})
class TimelineTest {

    @Autowired Timeline timeline;
    @Autowired OrderRepository orders;
    @Autowired PlatformTransactionManager transactions;

    TransactionTemplate transaction;
    String orderId;

    @BeforeEach
    void placeOrder() {
        transaction = new TransactionTemplate(transactions);
        orderId = "TL-" + UUID.randomUUID();
        orders.insert(new Order(orderId, OrderStatus.ACCEPTED, new Customer("Ada", "ada@example.com", "en"), ShipPolicy.PARTIAL,
                0, "tok_visa", "EUR", new BigDecimal("5.00"), "hash", null, null, null,
                List.of(), null, null, null));
    }

    @Test
    void aStepsEntriesAppearInTheOrderItRecordedThem() {
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.AUTHORIZED, Map.of("amount", 5), "authorized:" + orderId);
            timeline.record(orderId, TimelineType.RESERVED, Map.of(), "reserved:" + orderId);
            timeline.record(orderId, TimelineType.PACKED, Map.of("shipmentId", orderId + "-S1"), "packed:" + orderId);
        });

        assertThat(timeline.of(orderId)).extracting(TimelineEntry::type)
                .containsExactly(TimelineType.AUTHORIZED, TimelineType.RESERVED, TimelineType.PACKED);
        assertThat(timeline.of(orderId).get(2).details()).containsEntry("shipmentId", orderId + "-S1");
    }

    @Test
    void aStepThatRollsBackLeavesNoEntry() {
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.AUTHORIZED, Map.of(), "authorized:" + orderId);
            status.setRollbackOnly();
        });

        assertThat(timeline.of(orderId)).isEmpty();
    }

    @Test
    void aStepRunAgainRecordsItsEntryOnce() {
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.RESERVED, Map.of(), "reserved:" + orderId);
            timeline.record(orderId, TimelineType.RESERVED, Map.of(), "reserved:" + orderId);
        });
        transaction.executeWithoutResult(status ->
                timeline.record(orderId, TimelineType.RESERVED, Map.of(), "reserved:" + orderId));

        assertThat(timeline.of(orderId)).extracting(TimelineEntry::type).containsExactly(TimelineType.RESERVED);
    }

    @Test
    void entriesWithoutKeyAreEachKept() {
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.ETA_CHANGED, Map.of("eta", "2026-12-01T00:00:00Z"), null);
            timeline.record(orderId, TimelineType.ETA_CHANGED, Map.of("eta", "2026-12-08T00:00:00Z"), null);
        });

        assertThat(timeline.of(orderId)).extracting(e -> e.details().get("eta"))
                .containsExactly("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z");
    }

    @Test
    void aTransactionStartedInsideKeepsItsEntriesWhenTheOuterOneRollsBack() {
        TransactionTemplate inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.AUTHORIZED, Map.of(), "authorized:" + orderId);
            inner.executeWithoutResult(s -> timeline.record(orderId, TimelineType.VOIDED, Map.of(), "voided:" + orderId));
            timeline.record(orderId, TimelineType.RESERVED, Map.of(), "reserved:" + orderId);
            status.setRollbackOnly();
        });

        assertThat(timeline.of(orderId)).extracting(TimelineEntry::type).containsExactly(TimelineType.VOIDED);
    }

    @Test
    void anEntryRecordedWhileTheTransactionCommitsIsNotLost() {
        transaction.executeWithoutResult(status -> {
            timeline.record(orderId, TimelineType.SHIPPED, Map.of(), "shipped:" + orderId);
            // Registered after the timeline's own, so it runs once the timeline has written its entries.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    timeline.record(orderId, TimelineType.CAPTURED, Map.of(), "captured:" + orderId);
                }
            });
        });

        assertThat(timeline.of(orderId)).extracting(TimelineEntry::type)
                .containsExactly(TimelineType.SHIPPED, TimelineType.CAPTURED);
    }

    @Test
    void outsideATransactionAnEntryIsWrittenAtOnce() {
        timeline.record(orderId, TimelineType.ACCEPTED, Map.of(), "accepted:" + orderId);

        assertThat(timeline.of(orderId)).extracting(TimelineEntry::type).containsExactly(TimelineType.ACCEPTED);
    }

    @Test
    void aSupplierDelayMovingAThousandEtasRecordsEveryOne() {
        transaction.executeWithoutResult(status -> IntStream.range(0, 1_200).forEach(i ->
                timeline.record(orderId, TimelineType.ETA_CHANGED, Map.of("n", i), null)));

        assertThat(timeline.of(orderId)).hasSize(1_200)
                .extracting(e -> e.details().get("n")).containsExactlyElementsOf(IntStream.range(0, 1_200).boxed().toList());
    }

    @TestConfiguration
    static class Support {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }
    }
}
