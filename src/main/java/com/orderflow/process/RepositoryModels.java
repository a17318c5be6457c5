package com.orderflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Makes the models and forms of {@code processes/} the latest versions when the service starts. The
 * starter deploys them only when they differ from its own previous deployment, so a model deployed by
 * hand (Camunda Modeler's Deploy, {@code /engine-rest/deployment/create}) stayed the one every new order
 * ran, release after release, while the repository said otherwise. Orders already running keep their
 * version either way.
 */
@Component
public class RepositoryModels {

    static final String DEPLOYMENT_NAME = "processes/ (repository models restored)";
    private static final String LOCATION = "processes/";
    private static final Logger log = LoggerFactory.getLogger(RepositoryModels.class);

    private final RepositoryService repository;
    private final ResourcePatternResolver resources;
    private final ObjectMapper json;

    /** Takes the engine's repository, so it runs once the engine has made its own deployment. */
    public RepositoryModels(RepositoryService repository, ResourcePatternResolver resources, ObjectMapper json) {
        this.repository = repository;
        this.resources = resources;
        this.json = json;
    }

    @PostConstruct
    void atStart() {
        restore();
    }

    /** Deploys again each repository file whose process or form is not latest as it is in the repository. */
    Optional<Deployment> restore() {
        Map<String, byte[]> drifted = new LinkedHashMap<>();
        for (Resource model : files("*.bpmn")) {
            byte[] content = read(model);
            for (String key : processKeys(content)) {
                ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                        .latestVersion().withoutTenantId().singleResult();
                if (latest != null && !Arrays.equals(content, deployed(latest.getDeploymentId(), latest.getResourceName()))) {
                    warnReplaced("process " + key + " version " + latest.getVersion(), latest.getDeploymentId(),
                            "new instances start on the repository's again; those started on it keep it");
                    drifted.put(LOCATION + model.getFilename(), content);
                }
            }
        }
        List<Deployment> newestFirst = repository.createDeploymentQuery().orderByDeploymentTime().desc().list();
        for (Resource form : files("*.form")) {
            byte[] content = read(form);
            String id = formId(content);
            latestFormOf(id, newestFirst).filter(latest -> !Arrays.equals(content, latest.content())).ifPresent(latest -> {
                warnReplaced("form " + id, latest.deploymentId(), "open tasks show the repository's again");
                drifted.put(LOCATION + form.getFilename(), content);
            });
        }
        if (drifted.isEmpty()) {
            return Optional.empty();
        }
        DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source("orderflow");
        drifted.forEach((name, content) -> deployment.addInputStream(name, new ByteArrayInputStream(content)));
        Deployment restored = deployment.deploy();
        log.warn("Deployed {} from the repository again as the latest versions (deployment {})", drifted.keySet(), restored.getId());
        return Optional.of(restored);
    }

    private void warnReplaced(String what, String deploymentId, String consequence) {
        Deployment by = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        log.warn("The latest {} is not the repository's: it came from deployment '{}' (source {}, {}); {}", what,
                by.getName(), by.getSource(), by.getDeploymentTime().toInstant(), consequence);
    }

    private record DeployedForm(String deploymentId, byte[] content) {
    }

    private Optional<DeployedForm> latestFormOf(String id, List<Deployment> newestFirst) {
        for (Deployment deployment : newestFirst) {
            for (String name : repository.getDeploymentResourceNames(deployment.getId())) {
                if (name.endsWith(".form")) {
                    byte[] content = deployed(deployment.getId(), name);
                    if (id.equals(formId(content))) {
                        return Optional.of(new DeployedForm(deployment.getId(), content));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<Resource> files(String pattern) {
        try {
            return List.of(resources.getResources(ResourcePatternResolver.CLASSPATH_URL_PREFIX + LOCATION + pattern));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private byte[] deployed(String deploymentId, String resourceName) {
        try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static List<String> processKeys(byte[] model) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(model)).getModelElementsByType(Process.class)
                .stream().filter(Process::isExecutable).map(Process::getId).toList();
    }

    private String formId(byte[] form) {
        try {
            return json.readTree(form).path("id").asText();
        } catch (IOException notJson) {
            return "";
        }
    }
}
