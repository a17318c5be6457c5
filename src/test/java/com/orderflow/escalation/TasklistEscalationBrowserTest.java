package com.orderflow.escalation;

import static com.orderflow.support.ProcessJobs.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.orderflow.backorder.BackorderRepository;
import com.orderflow.inventory.ProductRepository;
import com.orderflow.inventory.StockRepository;
import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderService;
import com.orderflow.order.OrderStatus;
import com.orderflow.payment.Payment;
import com.orderflow.payment.PaymentRepository;
import com.orderflow.replenishment.SupplierRepository;
import com.orderflow.security.IdentitySetup;
import com.orderflow.support.DelayedOrders;
import com.orderflow.support.EngineJobs;
import com.orderflow.support.TestCatalog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What ops actually do with a delayed backorder, in a real browser: log into Tasklist, open the
 * "Delayed backorders" filter, claim the task, read the order on its Camunda Form and decide
 * "cancel and refund". Runs Debian's headless chromium; CI installs it ({@code .ci/run}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class TasklistEscalationBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Instant T0 = Instant.parse("2026-08-03T08:00:00Z");
    static final String OPS_USER = "olga";
    static final String OPS_PASSWORD = "olga-in-ops";

    @Autowired ProcessEngine engine;
    @Autowired OrderService orders;
    @Autowired OrderRepository orderRepository;
    @Autowired BackorderRepository backorders;
    @Autowired PaymentRepository payments;
    @Autowired StockRepository stock;
    @Autowired SupplierRepository suppliers;
    @Autowired ProductRepository products;
    @Autowired TransactionTemplate transaction;
    @LocalServerPort int port;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        // A developer without chromium skips this test; CI must not, so a missing install fails there.
        assumeTrue((Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) || "true".equals(System.getenv("CI")),
                "needs chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1000",
                "--user-data-dir=" + Files.createTempDirectory("orderflow-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser(TestInfo test) throws IOException {
        ClockUtil.reset();
        if (browser != null) {
            keepScreenshot(test);
            browser.quit();
        }
    }

    @Test
    void opsCancelAnEscalatedOrderFromTasklistAndTheMoneyIsReleased() {
        TestCatalog catalog = new TestCatalog(suppliers, products, stock, transaction);
        String chair = catalog.product("100.00", 5);
        String table = catalog.product("400.00", 0);
        DelayedOrders delayed = new DelayedOrders(engine, orders, backorders, transaction, T0.plus(TestCatalog.LEAD_TIME));
        ProcessInstance instance = delayed.escalated(chair, table);
        Task task = delayed.resolveTask(instance);
        opsUserExists();
        taskForAnotherGroupExists("Count the warehouse's shelf B");

        logIntoTasklist();
        click(By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(.),'Delayed backorders')]"));
        WebElement listed = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'tasks-list')]//a[contains(normalize-space(.),'Resolve delayed backorder')]")));
        assertThat(browser.findElement(By.cssSelector(".tasks-list")).getText())
                .as("ops see only their group's tasks").doesNotContain("shelf B");
        listed.click();
        click(By.cssSelector("button.claim"));
        await().atMost(Duration.ofSeconds(30)).until(() -> OPS_USER.equals(delayed.resolveTask(instance).getAssignee()));

        assertThat(fieldValue("Field_OrderId")).isEqualTo(instance.getBusinessKey());
        assertThat(fieldValue("Field_Customer")).contains("Ada").contains("ada@example.com");
        assertThat(fieldValue("Field_WaitingLines")).contains("1 × Product " + table + " (" + table + ")")
                .contains("Europe/Berlin");
        assertThat(fieldValue("Field_ReadyNow")).contains("2 × Product " + chair + " (" + chair + ")");
        assertThat(fieldValue("Field_DelayNotices")).isEqualTo("3");
        assertThat(fieldValue("Field_Consolation")).contains("10% discount");
        click(By.xpath("//label[contains(normalize-space(.),'Cancel the order and refund')]"));
        click(By.cssSelector("button[ng-click='complete()']"));

        await().atMost(Duration.ofSeconds(30)).until(() -> delayed.resolveTask(instance) == null);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
                .getAssignee()).isEqualTo(OPS_USER);
        new EngineJobs(engine.getManagementService()).completeBatches();
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("Task_RequestCancellationForOps", "Task_CancelOrder");
        Order cancelled = orderRepository.find(instance.getBusinessKey()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        Payment payment = payments.find(cancelled.id()).orElseThrow();
        assertThat(payment.captured()).isEqualByComparingTo("0.00");
        assertThat(payment.voided()).isEqualByComparingTo("600.00");
    }

    private void logIntoTasklist() {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form[name='signinForm'] input[type='text']")));
        username.sendKeys(OPS_USER);
        browser.findElement(By.cssSelector("form[name='signinForm'] input[type='password']")).sendKeys(OPS_PASSWORD);
        browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    }

    /** Scrolls first: Tasklist's footer covers the bottom of a long form. */
    private void click(By element) {
        WebElement target = wait.until(ExpectedConditions.presenceOfElementLocated(element));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", target);
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    /** The value a Camunda Form field shows; form-js ids end with the field's id. */
    private String fieldValue(String fieldId) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id$='" + fieldId + "']")));
        wait.until(driver -> !field.getDomProperty("value").isBlank());
        return field.getDomProperty("value");
    }

    /** A member of ops only, so the test sees what Tasklist shows an ordinary ops user. */
    private void opsUserExists() {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(OPS_USER).count() == 0) {
            User user = identity.newUser(OPS_USER);
            user.setFirstName("Olga");
            user.setLastName("Ops");
            user.setPassword(OPS_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OPS_USER, IdentitySetup.OPS);
        }
    }

    private void taskForAnotherGroupExists(String name) {
        Task other = engine.getTaskService().newTask();
        other.setName(name);
        engine.getTaskService().saveTask(other);
        engine.getTaskService().addCandidateGroup(other.getId(), IdentitySetup.WAREHOUSE);
    }

    /** The last page the browser showed, for whoever reads a failure. */
    private void keepScreenshot(TestInfo test) throws IOException {
        if (browser instanceof ChromeDriver chrome) {
            Path target = Path.of("target", "browser", test.getTestMethod().orElseThrow().getName() + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, chrome.getScreenshotAs(OutputType.BYTES));
            Files.writeString(target.resolveSibling(target.getFileName() + ".html"), chrome.getPageSource());
        }
    }
}
