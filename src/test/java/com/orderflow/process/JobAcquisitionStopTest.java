package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.support.TestCatalog;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A stopping node kept taking jobs until its engine closed, locking each for five minutes: killed after its
 * grace period, it left those orders waiting out the locks. Once it stops, it takes none.
 */
@SpringBootTest(properties = "orderflow.test.context=job-acquisition-stop")
@ActiveProfiles("test")
@Import(TestCatalog.class)
@DirtiesContext
class JobAcquisitionStopTest {

    @Autowired JobAcquisitionStop stop;
    @Autowired OrderService orders;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;
    @Autowired TestCatalog catalog;

    @Test
    void aStoppingNodeTakesNoMoreJobsAndLeavesThemForTheOthers() {
        String sku = catalog.product("10.00", 5);
        String before = place(sku);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SHIPPED".equals(status(before)));

        stop.stop();
        String after = place(sku);

        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(after).singleResult().getId();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM act_ru_job WHERE process_instance_id_ = ? AND lock_owner_ IS NOT NULL")
                .param(instance).query(Long.class).single() == 0);
        assertThat(management.createJobQuery().processInstanceId(instance).count()).as("left for another node").isPositive();
        assertThat(status(after)).isNotEqualTo("SHIPPED");
    }

    private String place(String sku) {
        String orderId = "STOP-" + UUID.randomUUID();
        orders.place(new PlaceOrderRequest(orderId, new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 1)), null, null, new PlaceOrderRequest.PaymentRequest("tok_visa")));
        return orderId;
    }

    private String status(String orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = ?").param(orderId).query(String.class).single();
    }
}
