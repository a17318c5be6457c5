package com.orderflow.delay;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.backorder.EtaBasis;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Consolation;
import com.orderflow.order.OrderController;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderView;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.process.OrderProcess;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delays of a backordered order, with the engine clock moved by hand: the ETA timer, supplier ETA
 * changes, the silent threshold (P7D past the first promise), the overdue step (P3D) and the
 * consolation (DISCOUNT, 10%) from the second notice on.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class DelayProcessTest {

    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    static final Instant FIRST_PROMISE = T0.plus(TestCatalog.LEAD_TIME);

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired BackorderRepository backorders;
    @Autowired DelayRepository delays;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired OrderController api;

    TestCatalog catalog;
    /** The products of {@link #mugAndLamp}'s order. */
    String mug;
    String lamp;
    EngineJobs jobs;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        catalog = new TestCatalog(suppliers, products, stock, transaction);
        jobs = new EngineJobs(engine.getManagementService());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void waitingOrderHasATimerAtItsEta() {
        ProcessInstance instance = backorderedOrder();

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(FIRST_PROMISE);
        assertThat(delays.find(instance.getBusinessKey()).orElseThrow().firstPromise()).isEqualTo(FIRST_PROMISE);
    }

    @Test
    void etaPassingWithinTheSilentThresholdMovesTheEtaAndSaysNothing() {
        ProcessInstance instance = backorderedOrder();

        Instant firedAt = fireEtaTimer(instance);

        assertThat(instance).isWaitingAt("Gateway_WaitForStock")
                .hasPassed("Task_RescheduleOverdueBackorders", "Task_AssessDelay");
        Instant newEta = firedAt.plus(Duration.ofDays(3));
        assertThat(openBackorder(instance).eta()).isEqualTo(newEta);
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(newEta);
        assertThat(types(instance)).contains("ETA_CHANGED").doesNotContain("DELAYED");
        assertThat(notices(instance)).containsExactly("BACKORDERED");
        assertThat(delays.find(instance.getBusinessKey()).orElseThrow().notices()).isZero();
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), OrderProcess.VAR_DELAY_NOTICES)).isEqualTo(0);
    }

    @Test
    void delayBeyondTheSilentThresholdSendsAnApologyWithTheNewEtaAndNoConsolation() {
        ProcessInstance instance = backorderedOrder();
        fireEtaTimer(instance);                    // ETA first promise + 3 days: silent
        fireEtaTimer(instance);                    // + 6 days: silent

        Instant firedAt = fireEtaTimer(instance);  // + 9 days: beyond 7 days, announced

        Instant newEta = firedAt.plus(Duration.ofDays(3));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        Map<String, Object> delayed = delayedEntries(instance).get(0);
        assertThat(delayed.get("data").toString()).contains("\"notice\":1").contains(newEta.toString())
                .doesNotContain("consolation");
        DelayState state = delays.find(instance.getBusinessKey()).orElseThrow();
        assertThat(state.notices()).isEqualTo(1);
        assertThat(state.firstPromise()).isEqualTo(FIRST_PROMISE);
        assertThat(state.announcedEta()).isEqualTo(newEta);
        assertThat(state.consolation()).isNull();
        assertThat(api.get(instance.getBusinessKey()).consolation()).as("the first notice offers none").isNull();
        String text = delayNoticeText(instance, 1);
        assertThat(text).contains("We are sorry").contains("We now expect them by").doesNotContain("% off");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), OrderProcess.VAR_DELAY_NOTICES)).isEqualTo(1);
    }

    @Test
    void secondDelayOffersConsolationAndRecordsItOnTheOrder() {
        ProcessInstance instance = backorderedOrder();
        fireEtaTimer(instance);
        fireEtaTimer(instance);
        fireEtaTimer(instance);

        fireEtaTimer(instance);

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED", "DELAYED");
        DelayState state = delays.find(instance.getBusinessKey()).orElseThrow();
        assertThat(state.notices()).isEqualTo(2);
        assertThat(state.consolation()).isEqualTo("DISCOUNT");
        assertThat(state.discountPercent()).isEqualTo(10);
        assertThat(state.discountCode()).startsWith("SORRY-");
        assertThat(delayedEntries(instance).get(1).get("data").toString())
                .contains("\"notice\":2").contains("\"consolation\":\"DISCOUNT\"").contains(state.discountCode());
        assertThat(delayNoticeText(instance, 2)).contains("10% off").contains(state.discountCode());
        // The shop has to honour what the notice promised: the order tells it.
        Consolation offered = api.get(instance.getBusinessKey()).consolation();
        assertThat(offered).isEqualTo(new Consolation("DISCOUNT", 10, state.discountCode()));
    }


    /**
     * The merchant changed the consolation policy after these orders were offered one (a restart with
     * another {@code orderflow.backorder.consolation} or {@code discount-percent}; here 25% and free
     * shipping were the policy then, 10% is now): the customer keeps what the earlier notice gave.
     */
    @ParameterizedTest
    @CsvSource({"DISCOUNT, 25, 25% off", "FREE_SHIPPING, , ship your order free of charge"})
    void aConsolationOfferedUnderAnEarlierPolicyIsRepeatedAsGiven(String kind, Integer percent, String promised) {
        ProcessInstance instance = backorderedOrder();
        for (int notice = 0; notice < 4; notice++) {
            fireEtaTimer(instance);
        }
        String orderId = instance.getBusinessKey();
        String code = "DISCOUNT".equals(kind) ? delays.find(orderId).orElseThrow().discountCode() : null;
        delays.recordNotice(orderId, 2, delays.find(orderId).orElseThrow().announcedEta(), kind, percent, code);

        fireEtaTimer(instance);

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED", "DELAYED", "DELAYED");
        assertThat(delayNoticeText(instance, 3)).contains(promised).doesNotContain("10% off");
        assertThat(api.get(orderId).consolation()).isEqualTo(new Consolation(kind, percent, code));
        if (code == null) {
            assertThat(delayNoticeText(instance, 3)).doesNotContain("SORRY-");
        } else {
            assertThat(delayNoticeText(instance, 3)).contains(code);
        }
    }

    @Test
    void supplierDelayWithinTheThresholdIsSilentAndMovesTheTimer() {
        ProcessInstance instance = backorderedOrder();
        Instant later = FIRST_PROMISE.plus(Duration.ofDays(4));

        supplierMovesEta(instance, later);

        assertThat(instance).isWaitingAt("Gateway_WaitForStock").hasPassed("Event_EtaChanged", "Task_AssessDelay");
        assertThat(notices(instance)).containsExactly("BACKORDERED");
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(later);
    }

    @Test
    void supplierDelayBeyondTheThresholdIsAnnouncedOnceEvenIfReportedTwice() {
        ProcessInstance instance = backorderedOrder();
        Instant muchLater = FIRST_PROMISE.plus(Duration.ofDays(20));

        supplierMovesEta(instance, muchLater);
        supplierMovesEta(instance, muchLater);

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        assertThat(delays.find(instance.getBusinessKey()).orElseThrow().announcedEta()).isEqualTo(muchLater);
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(muchLater);
    }

    /**
     * Notices give days: a later hour of the day the customer was told is no delay. Each such report sent an
     * apology repeating the date, the second with a consolation, the third escalated the order to ops.
     */
    @Test
    void aSupplierDelayWithinTheDayAlreadyAnnouncedSendsNoSecondNotice() {
        ProcessInstance instance = backorderedOrder();
        ZoneId customers = ZoneId.of("Europe/Berlin");
        LocalDate day = FIRST_PROMISE.plus(Duration.ofDays(20)).atZone(customers).toLocalDate();
        Instant announced = day.atStartOfDay(customers).toInstant();

        supplierMovesEta(instance, announced);
        supplierMovesEta(instance, day.atTime(23, 30).atZone(customers).toInstant());

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        assertThat(delays.find(instance.getBusinessKey()).orElseThrow().notices()).isEqualTo(1);
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("the timer follows the hour")
                .isEqualTo(day.atTime(23, 30).atZone(customers).toInstant());

        supplierMovesEta(instance, day.plusDays(1).atTime(9, 0).atZone(customers).toInstant());

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED", "DELAYED");
    }

    /**
     * The day a customer read stays the day they read when the merchant changes
     * {@code orderflow.notification.time-zone} (here Europe/Berlin) after telling it. Read again in the new zone,
     * the day told in Tokyo came out a day earlier and a supplier's report for the day the customer already had
     * sent an apology repeating it; the day told in New York came out a day later and a real slip by a day went
     * unannounced. The order carries the zone its last dated notice printed, as that zone's setting wrote it.
     */
    @ParameterizedTest
    @CsvSource({
            "Asia/Tokyo,       23:00, 1, 20:00, false",
            "America/New_York, 02:00, 0, 12:00, true"})
    void aDayToldUnderAnEarlierTimeZoneStaysTheDayTheCustomerRead(String toldIn, String toldAt, int daysOn, String movedAt,
                                                                    boolean announced) {
        ProcessInstance instance = backorderedOrder();
        assertThat(toldZone(instance)).as("the backorder notice's days").isEqualTo("Europe/Berlin");
        ZoneId customers = ZoneId.of("Europe/Berlin");
        LocalDate day = FIRST_PROMISE.plus(Duration.ofDays(20)).atZone(customers).toLocalDate();
        supplierMovesEta(instance, day.atTime(LocalTime.parse(toldAt)).atZone(customers).toInstant());
        jdbc.sql("UPDATE orders SET eta_told_zone = ? WHERE id = ?").params(toldIn, instance.getBusinessKey()).update();
        Instant moved = day.plusDays(daysOn).atTime(LocalTime.parse(movedAt)).atZone(customers).toInstant();

        supplierMovesEta(instance, moved);

        if (announced) {
            assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED", "DELAYED");
            assertThat(delayedEntries(instance).get(1).get("data").toString()).contains("\"eta\":\"" + moved + "\"");
            assertThat(delayNoticeText(instance, 2)).contains("We now expect them by");
            assertThat(toldZone(instance)).as("the new notice's days").isEqualTo("Europe/Berlin");
        } else {
            assertThat(notices(instance)).as("the customer read this day already").containsExactly("BACKORDERED", "DELAYED");
            assertThat(delays.find(instance.getBusinessKey()).orElseThrow().notices()).isEqualTo(1);
        }
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(moved);
    }

    @Test
    void supplierDelayWhileAPartShipsIsAnnouncedWhenTheOrderWaitsAgain() {
        String inStock = catalog.product("20.00", 5);
        String toCome = catalog.product("80.00", 0);
        ProcessInstance instance = placed(ShipPolicy.PARTIAL, inStock, toCome);
        execute(job(instance));
        assertThat(instance).as("the part in stock is on its way out").isWaitingAt("Task_DispatchShipment");
        Instant muchLater = FIRST_PROMISE.plus(Duration.ofDays(20));

        supplierMovesEta(instance, muchLater);
        execute(job(instance));
        execute(job(instance));

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(notices(instance)).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "DELAYED");
        assertThat(delays.find(instance.getBusinessKey()).orElseThrow().announcedEta()).isEqualTo(muchLater);
        assertThat(delayNoticeText(instance, 1)).contains(": now expected by");
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(muchLater);
    }

    /**
     * A parcel's notice told the customer the rest would come earlier than first promised; the supplier then
     * slipped back past that date and nothing was said, since the first promise was the only yardstick.
     */
    @Test
    void aSlipFromTheDateAParcelsNoticeGaveIsAnnouncedAgainstThatDate() {
        String inStock = catalog.product("20.00", 5);
        String toCome = catalog.product("80.00", 0);
        ProcessInstance instance = placed(ShipPolicy.PARTIAL, inStock, toCome);
        execute(job(instance));
        Instant earlier = T0.plus(Duration.ofDays(1));
        supplierMovesEta(instance, earlier);
        execute(job(instance));
        execute(job(instance));
        assertThat(notices(instance)).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED");

        Instant slipped = T0.plus(Duration.ofDays(9));
        supplierMovesEta(instance, slipped);

        assertThat(FIRST_PROMISE.plus(Duration.ofDays(7))).as("within the silent threshold of the first promise").isAfter(slipped);
        assertThat(notices(instance)).containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "DELAYED");
        assertThat(delayedEntries(instance).get(0).get("data").toString()).contains("\"previousEta\":\"" + earlier + "\"");

        supplierMovesEta(instance, T0.plus(Duration.ofDays(11)));

        assertThat(notices(instance)).as("a further slip from the announced date, still within the first promise's threshold")
                .containsExactly("BACKORDERED", "PARTIALLY_SHIPPED", "DELAYED", "DELAYED");
    }

    /** Both lines were listed as late when only one was, and the customer was offered to cancel on that basis. */
    @Test
    void aDelayNoticeListsOnlyTheLateLineAndTheOtherWithItsDate() {
        String mug = catalog.product("10.00", 0);
        String lamp = catalog.product("80.00", 0);
        ProcessInstance instance = placed(ShipPolicy.PARTIAL, mug, lamp);
        execute(job(instance));

        supplierMovesEta(instance, lamp, FIRST_PROMISE.plus(Duration.ofDays(20)));

        assertThat(delayNoticeText(instance, 1))
                .contains("taking longer than we promised.\n\n  2 × Product " + lamp
                        + ": now expected by June 26, 2026 (previously June 6, 2026)\n\n")
                .contains("Still on schedule:\n  2 × Product " + mug + ": expected by June 6, 2026\n");
    }

    /**
     * A PARTIAL order ships each line as it comes, by the date the BACKORDERED e-mail gave each: the mug promised for
     * June 6 moving to June 16 went unannounced, since the lamp, and so the order, was expected on June 26 anyway.
     */
    @Test
    void aPartialOrdersLineMovedPastItsOwnDateIsAnnouncedThoughAnotherLineComesLater() {
        ProcessInstance instance = mugAndLamp(ShipPolicy.PARTIAL);
        Instant lampEta = openBackorder(instance, lamp).eta();
        Instant mugLater = FIRST_PROMISE.plus(Duration.ofDays(10));
        assertThat(openBackorder(instance, mug).eta()).isEqualTo(FIRST_PROMISE);
        assertThat(mugLater).as("beyond the mug's silent threshold, before the lamp").isBefore(lampEta);

        supplierMovesEta(instance, mug, mugLater);
        supplierMovesEta(instance, mug, mugLater);

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        assertThat(delayedEntries(instance).get(0).get("data").toString()).contains("\"notice\":1")
                .contains("\"lines\":[{\"sku\":\"" + mug + "\",\"previousEta\":\"" + FIRST_PROMISE + "\",\"eta\":\"" + mugLater + "\"}]")
                .as("the order's own dates did not move").doesNotContain(lamp).doesNotContain("firstPromise");
        assertThat(delayNoticeText(instance, 1))
                .contains("taking longer than we promised.\n\n  2 × Product " + mug
                        + ": now expected by June 16, 2026 (previously June 6, 2026)\n\n")
                .contains("Still on schedule:\n  2 × Product " + lamp + ": expected by June 26, 2026\n")
                .doesNotContain("We now expect them");
        DelayState state = delays.find(instance.getBusinessKey()).orElseThrow();
        assertThat(state.notices()).isEqualTo(1);
        assertThat(state.announcedEta()).as("the order's latest date, which the notice gave too").isEqualTo(lampEta);
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("the mug's new date, the first to come").isEqualTo(mugLater);
        assertThat(api.get(instance.getBusinessKey()).lines()).extracting(OrderView.Line::sku, OrderView.Line::toldEtaDay)
                .containsExactly(tuple(mug, LocalDate.of(2026, 6, 16)), tuple(lamp, LocalDate.of(2026, 6, 26)));
    }

    /**
     * The lamp came forward without a notice (its supplier confirmed sooner); the mug's delay notice then listed the
     * lamp "still on schedule" by a date its customer had never been given.
     */
    @Test
    void aPerLineDelayNoticeGivesALineThatCameForwardBothDates() {
        ProcessInstance instance = mugAndLamp(ShipPolicy.PARTIAL);
        supplierMovesEta(instance, lamp, openBackorder(instance, lamp).eta().minus(Duration.ofDays(6)));
        assertThat(notices(instance)).as("sooner is no delay").containsExactly("BACKORDERED");

        supplierMovesEta(instance, mug, FIRST_PROMISE.plus(Duration.ofDays(10)));

        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        assertThat(delayNoticeText(instance, 1))
                .contains("  2 × Product " + mug + ": now expected by June 16, 2026 (previously June 6, 2026)\n")
                .contains("Coming sooner than we said:\n  2 × Product " + lamp
                        + ": now expected by June 20, 2026 (previously June 26, 2026)\n")
                .doesNotContain("Still on schedule");
        assertThat(api.get(instance.getBusinessKey()).lines()).extracting(OrderView.Line::sku, OrderView.Line::toldEtaDay)
                .as("the notice gave both").containsExactly(tuple(mug, LocalDate.of(2026, 6, 16)), tuple(lamp, LocalDate.of(2026, 6, 20)));
    }

    /**
     * The mug's date passed with no stock and no word from its supplier: the PARTIAL order waited for the lamp's
     * date, weeks later, before the mug was moved on or its customer told.
     */
    @Test
    void aPartialOrdersLineWhoseDatePassesWithoutStockIsMovedOnAndAnnouncedBeforeTheLaterLine() {
        ProcessInstance instance = mugAndLamp(ShipPolicy.PARTIAL);
        Instant lampEta = openBackorder(instance, lamp).eta();
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("the mug's date, the first to come").isEqualTo(FIRST_PROMISE);

        fireEtaTimer(instance);                    // the mug: first promise + 3 days, silent
        fireEtaTimer(instance);                    // + 6 days: silent
        Instant firedAt = fireEtaTimer(instance);  // + 9 days: beyond 7 days, announced

        assertThat(firedAt).isBefore(lampEta);
        assertThat(notices(instance)).containsExactly("BACKORDERED", "DELAYED");
        assertThat(delayedEntries(instance).get(0).get("data").toString()).contains("\"sku\":\"" + mug + "\"")
                .doesNotContain(lamp);
        assertThat(delayNoticeText(instance, 1)).contains("Still on schedule:\n  2 × Product " + lamp);
        assertThat(openBackorder(instance, lamp).eta()).as("the lamp keeps its date").isEqualTo(lampEta);
    }

    /** A COMPLETE order ships everything together: its customer waits for the lamp whatever the mug does. */
    @Test
    void aCompleteOrdersLineMovedStillBeforeTheLastLineIsNoDelay() {
        ProcessInstance instance = mugAndLamp(ShipPolicy.COMPLETE);

        supplierMovesEta(instance, mug, FIRST_PROMISE.plus(Duration.ofDays(10)));

        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        assertThat(notices(instance)).containsExactly("BACKORDERED");
        assertThat(types(instance)).doesNotContain("DELAYED");
    }

    /**
     * A COMPLETE order's mug passed its date without stock while the order waited for the lamp: its notices went on
     * listing the mug "on schedule" by that past date, which became the order's ETA once the lamp came.
     */
    @Test
    void aCompleteOrdersLineWhoseDatePassesIsMovedOnWithoutANotice() {
        ProcessInstance instance = mugAndLamp(ShipPolicy.COMPLETE);
        Instant lampEta = openBackorder(instance, lamp).eta();
        assertThat(etaTimer(instance).getDuedate().toInstant()).as("the mug's date, the first to come").isEqualTo(FIRST_PROMISE);

        Instant firedAt = fireEtaTimer(instance);

        Instant moved = firedAt.plus(Duration.ofDays(3));
        assertThat(openBackorder(instance, mug).eta()).as("moved on by the overdue step").isEqualTo(moved);
        assertThat(openBackorder(instance, lamp).eta()).isEqualTo(lampEta);
        assertThat(notices(instance)).as("its customer waits for the lamp").containsExactly("BACKORDERED");
        assertThat(etaTimer(instance).getDuedate().toInstant()).isEqualTo(moved);
    }

    @Test
    void earlierEtaIsNotADelay() {
        ProcessInstance instance = backorderedOrder();

        supplierMovesEta(instance, FIRST_PROMISE.minus(Duration.ofDays(2)));

        assertThat(notices(instance)).containsExactly("BACKORDERED");
        assertThat(types(instance)).doesNotContain("DELAYED");
        assertThat(api.get(instance.getBusinessKey()).lines()).extracting(OrderView.Line::toldEtaDay)
                .as("its customer waits for the order's date").containsOnlyNulls();
    }

    private ProcessInstance backorderedOrder() {
        ProcessInstance instance = placed(ShipPolicy.COMPLETE, catalog.product("80.00", 0));
        execute(job(instance));
        assertThat(instance).isWaitingAt("Gateway_WaitForStock");
        return instance;
    }

    /** An order of two of each product, waiting for its payment to be authorised. */
    /** A mug due on the first promise and a lamp of a slower supplier, both to come: the order waits for them. */
    /** An order of two mugs and two lamps (the lamp's supplier slower), backordered; sets {@link #mug} and {@link #lamp}. */
    private ProcessInstance mugAndLamp(ShipPolicy policy) {
        mug = catalog.product("10.00", 0);
        lamp = catalog.productOf("slow-supplier", Duration.ofDays(25), "80.00", 0);
        ProcessInstance instance = placed(policy, mug, lamp);
        execute(job(instance));
        return instance;
    }

    private ProcessInstance placed(ShipPolicy policy, String... skus) {
        String orderId = "D-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                Arrays.stream(skus).map(sku -> new PlaceOrderRequest.LineRequest(sku, 2)).toList(), policy, 0,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OrderProcess.KEY).processInstanceBusinessKey(orderId).singleResult();
    }

    /** Moves the clock just past the timer's due date and fires it; answers when it fired. */
    private Instant fireEtaTimer(ProcessInstance instance) {
        Job timer = etaTimer(instance);
        Instant firedAt = timer.getDuedate().toInstant().plusSeconds(60);
        ClockUtil.setCurrentTime(Date.from(firedAt));
        engine.getManagementService().executeJob(timer.getId());
        return firedAt;
    }

    private Job etaTimer(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Event_EtaPassed").singleResult();
    }

    /** What a supplier's delay does to the order: its backorder's ETA moves and the order hears EtaChanged. */
    private void supplierMovesEta(ProcessInstance instance, Instant eta) {
        supplierMovesEta(instance, openBackorder(instance).sku(), eta);
    }

    /** A supplier's delay of one line's purchase order. */
    private void supplierMovesEta(ProcessInstance instance, String sku, Instant eta) {
        transaction.executeWithoutResult(status -> backorders.moveEta(openBackorder(instance, sku).id(),
                new Eta(eta, EtaBasis.PURCHASE_ORDER)));
        engine.getRuntimeService().createMessageCorrelationAsync(OrderProcess.MESSAGE_ETA_CHANGED)
                .processInstanceIds(List.of(instance.getId())).correlateAllAsync();
        jobs.completeBatches();
    }

    private Backorder openBackorder(ProcessInstance instance, String sku) {
        return backorders.ofOrder(instance.getBusinessKey()).stream().filter(b -> "OPEN".equals(b.status()))
                .filter(b -> b.sku().equals(sku)).findFirst().orElseThrow();
    }

    private Backorder openBackorder(ProcessInstance instance) {
        return backorders.ofOrder(instance.getBusinessKey()).stream().filter(b -> "OPEN".equals(b.status()))
                .findFirst().orElseThrow();
    }

    private List<String> types(ProcessInstance instance) {
        return jdbc.sql("SELECT type FROM order_event WHERE order_id = ? ORDER BY at, id").param(instance.getBusinessKey())
                .query(String.class).list();
    }

    private List<Map<String, Object>> delayedEntries(ProcessInstance instance) {
        return jdbc.sql("SELECT data FROM order_event WHERE order_id = ? AND type = 'DELAYED' ORDER BY at, id")
                .param(instance.getBusinessKey()).query().listOfRows();
    }

    private List<String> notices(ProcessInstance instance) {
        return jdbc.sql("SELECT kind FROM notification_outbox WHERE order_id = ? ORDER BY id")
                .param(instance.getBusinessKey()).query(String.class).list();
    }

    private String toldZone(ProcessInstance instance) {
        return jdbc.sql("SELECT eta_told_zone FROM orders WHERE id = ?").param(instance.getBusinessKey()).query(String.class)
                .single();
    }

    private String delayNoticeText(ProcessInstance instance, int notice) {
        return jdbc.sql("SELECT body_text FROM notification_outbox WHERE order_id = ? AND kind = 'DELAYED' AND reference = ?")
                .params(instance.getBusinessKey(), "delay-" + notice).query(String.class).single();
    }
}
