package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.support.TestCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

/**
 * A model or form deployed by hand (Camunda Modeler's Deploy) no longer outlives a restart as the version
 * new orders run: at start the service deploys the repository's again. The starter alone compared only
 * with its own previous deployment and deployed nothing.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
@Import(TestCatalog.class)
class RepositoryModelsTest {

    @Autowired ProcessEngine engine;
    @Autowired RepositoryModels models;

    RepositoryService repository;

    @BeforeEach
    void setUp() {
        repository = engine.getRepositoryService();
    }

    /** A test that failed half-way must not leave a hand-made model to the tests after it. */
    @AfterEach
    void restoreAnyway() {
        models.restore();
    }

    @Test
    void aModelDeployedByHandIsReplacedByTheRepositorysAtStart() throws IOException {
        String repositoryModel = classpath("processes/replenishment.bpmn");
        String tried = repositoryModel.replace("name=\"Replenishment\"", "name=\"Replenishment (tried by hand)\"");
        assertThat(tried).isNotEqualTo(repositoryModel);
        deployByHand("replenishment.bpmn", tried);
        assertThat(latestReplenishment().getName()).isEqualTo("Replenishment (tried by hand)");
        int handVersion = latestReplenishment().getVersion();

        Optional<Deployment> restored = models.restore();

        assertThat(restored).isPresent();
        ProcessDefinition latest = latestReplenishment();
        assertThat(latest.getVersion()).isEqualTo(handVersion + 1);
        assertThat(latest.getName()).isEqualTo("Replenishment");
        assertThat(resource(latest.getDeploymentId(), latest.getResourceName())).isEqualTo(repositoryModel);
        assertThat(repository.getDeploymentResourceNames(restored.get().getId()))
                .as("only what had drifted").containsExactly("processes/replenishment.bpmn");
        assertThat(models.restore()).as("the next start finds nothing to do").isEmpty();
    }

    @Test
    void aFormDeployedByHandIsReplacedByTheRepositorysAtStart() throws IOException {
        String repositoryForm = classpath("processes/resolve-delayed-backorder.form");
        String tried = repositoryForm.replace("\"label\": \"Customer\"", "\"label\": \"Who\"");
        assertThat(tried).isNotEqualTo(repositoryForm);
        deployByHand("resolve-delayed-backorder.form", tried);

        Optional<Deployment> restored = models.restore();

        assertThat(restored).isPresent();
        assertThat(repository.getDeploymentResourceNames(restored.get().getId()))
                .containsExactly("processes/resolve-delayed-backorder.form");
        assertThat(resource(restored.get().getId(), "processes/resolve-delayed-backorder.form")).isEqualTo(repositoryForm);
        assertThat(models.restore()).isEmpty();
    }

    /**
     * Modeler makes renaming an id easy, and Deploy runs no test: a renamed "Window closed" was deployed, and a
     * shortened batching window no longer reached the purchase orders waiting on it, with nothing in the log.
     */
    @Test
    void aModelWithoutAnElementTheServiceLooksUpIsNotDeployed() throws IOException {
        String renamed = classpath("processes/replenishment.bpmn").replace("Event_WindowClosed", "Event_BatchWindowClosed");
        int version = latestReplenishment().getVersion();

        assertThatThrownBy(() -> deployByHand("replenishment.bpmn", renamed)).isInstanceOf(ParseException.class)
                .hasMessageContaining("replenishment.bpmn cannot be deployed")
                .hasMessageContaining("process replenishment has no element Event_WindowClosed");
        assertThat(latestReplenishment().getVersion()).isEqualTo(version);
    }

    /** A misspelt bean or method showed as an incident only once an order reached it, minutes after its retries. */
    @Test
    void aModelNamingABeanOrMethodTheServiceLacksIsNotDeployed() throws IOException {
        String model = classpath("processes/order-fulfillment.bpmn");
        String misspelt = model.replace("${reserveStockDelegate}", "${reserveStockDelegat}")
                .replace("backorderWait.etaPassedAt(", "backorderWait.etaPassedAtt(")
                .replace("shippingSettings.parcelCollection", "shippingSetting.parcelCollection");
        assertThat(misspelt).isNotEqualTo(model);
        int version = repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).latestVersion()
                .singleResult().getVersion();

        assertThatThrownBy(() -> deployByHand("order-fulfillment.bpmn", misspelt)).isInstanceOf(ParseException.class)
                .hasMessageContaining("${reserveStockDelegat} names no bean")
                .hasMessageContaining("has no method etaPassedAtt")
                .hasMessageContaining("shippingSetting names no bean");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).latestVersion()
                .singleResult().getVersion()).as("the repository's model stays the latest").isEqualTo(version);
    }

    @Test
    void noProcessIsOfferedForStartInTasklist() {
        // The service starts them for an order or a purchase order; by hand they failed ("No order null")
        // or left a renewal that would fail days later.
        assertThat(repository.createProcessDefinitionQuery().startableInTasklist().latestVersion().list())
                .extracting(ProcessDefinition::getKey)
                .doesNotContain(OrderProcess.KEY, ReplenishmentProcess.KEY, "authorizationRenewal");
        assertThat(repository.createProcessDefinitionQuery().notStartableInTasklist().latestVersion().list())
                .extracting(ProcessDefinition::getKey)
                .contains(OrderProcess.KEY, ReplenishmentProcess.KEY, "authorizationRenewal");
    }

    /** As Camunda Modeler's Deploy does it. */
    private void deployByHand(String name, String content) {
        repository.createDeployment().name(name).source("Camunda Modeler").addString(name, content).deploy();
    }

    private ProcessDefinition latestReplenishment() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ReplenishmentProcess.KEY).latestVersion()
                .singleResult();
    }

    private String resource(String deploymentId, String name) throws IOException {
        try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String classpath(String path) throws IOException {
        return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
    }
}
