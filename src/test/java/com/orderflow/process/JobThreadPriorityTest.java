package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.PlaceOrderRequest;
import com.orderflow.order.ShipPolicy;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.support.ProcStat;
import com.orderflow.support.TestCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job executor's threads yield the CPU to request threads: Linux runs them at a higher nice
 * value than the rest of the JVM. Reads the nice values from {@code /proc}, since that is what the
 * scheduler goes by; the JVM flags that pass Java priorities on come from the build (pom.xml).
 */
@SpringBootTest
@ActiveProfiles("test")
class JobThreadPriorityTest {

    private static final int NICE = 19;

    @Autowired OrderService orders;
    @Autowired HistoryService history;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired StockRepository stock;
    @Autowired TransactionTemplate transaction;

    @Test
    void jobsRunAtALowerPriorityThanRequests() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux shows each thread's nice value");
        String sku = new TestCatalog(suppliers, products, stock, transaction).product("25.00", 1);
        orders.place(new PlaceOrderRequest("PRIO-1", new PlaceOrderRequest.CustomerRequest("Ada", "ada@example.com", "en"),
                List.of(new PlaceOrderRequest.LineRequest(sku, 1)), ShipPolicy.COMPLETE, 0,
                new PlaceOrderRequest.PaymentRequest("tok_visa")));
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("PRIO-1").finished().count() == 1);

        List<Long> jobThreads = threads().stream().map(ProcStat::read).flatMap(Optional::stream)
                // Linux keeps the first 15 characters of a thread's name.
                .filter(thread -> thread.name().startsWith(JobThreadPriority.JOB_EXECUTOR_THREADS.substring(0, 15)))
                .map(thread -> thread.field(NICE)).toList();
        long ownNice = ProcStat.read(Path.of("/proc/thread-self")).orElseThrow().field(NICE);

        assertThat(jobThreads).as("nice values of the job executor's threads").isNotEmpty()
                .allSatisfy(nice -> assertThat(nice).isGreaterThan(ownNice));
    }

    private static List<Path> threads() {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            return threads.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
