package com.orderflow.process;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses to deploy a model the service cannot run, naming what is wrong: at start (the repository's models) and for
 * a model deployed by hand (Camunda Modeler's Deploy, {@code /engine-rest/deployment/create}, which answers 400 with
 * the message). Without it a renamed timer the Java code looks up by id was silently left where it was (a batching
 * window shortened, its purchase order still waiting for the old time), and a misspelt bean or method in an expression
 * showed only as an incident, minutes after the first order reached it.
 *
 * <p>Checked: each of the service's processes still has the elements the Java code looks up by id
 * ({@code ELEMENTS_RELIED_ON}); each {@code camunda:delegateExpression} names a bean; and in every expression, a
 * {@code name.member} whose {@code name} is not {@code execution} or {@code task} names a bean with that method or
 * property (process variables here are plain values, never dereferenced). Models already deployed are not checked
 * again when the engine reads them back: orders running on an older version keep it.
 */
@Component
public class ModelDeploymentCheck extends AbstractProcessEnginePlugin {

    private static final Map<String, Set<String>> RELIED_ON = Map.of(OrderProcess.KEY, OrderProcess.ELEMENTS_RELIED_ON,
            ReplenishmentProcess.KEY, ReplenishmentProcess.ELEMENTS_RELIED_ON, RenewalProcess.KEY, RenewalProcess.ELEMENTS_RELIED_ON);
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\"");
    /** A root name (not after a dot, not inside quotes) and its member, with "(" for a method call. */
    private static final Pattern MEMBER = Pattern.compile(
            "(?<![\\w.'\"])([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(\\()?");
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");

    private final ListableBeanFactory beans;

    public ModelDeploymentCheck(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
    }

    private void check(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml")) {
                List<String> problems = problems(resource.getBytes());
                if (!problems.isEmpty()) {
                    throw new ParseException(resource.getName() + " cannot be deployed: " + String.join("; ", problems),
                            resource.getName(), List.of(), List.of());
                }
            }
        }
    }

    /** What keeps the service from running this model; empty when nothing does. */
    List<String> problems(byte[] model) {
        List<String> problems = new ArrayList<>();
        BpmnModelInstance parsed;
        try {
            parsed = Bpmn.readModelFromStream(new ByteArrayInputStream(model));
        } catch (RuntimeException unreadable) {
            // The engine's own parser says what is wrong with it, with line numbers.
            return problems;
        }
        for (Process process : parsed.getModelElementsByType(Process.class)) {
            for (String id : new TreeSet<>(RELIED_ON.getOrDefault(process.getId(), Set.of()))) {
                if (parsed.getModelElementById(id) == null) {
                    problems.add("process " + process.getId() + " has no element " + id + ", which the service looks up by"
                            + " that id (keep the id when changing the element)");
                }
            }
        }
        String xml = new String(model, StandardCharsets.UTF_8);
        Set<String> unknown = new TreeSet<>();
        Matcher delegate = DELEGATE.matcher(xml);
        while (delegate.find()) {
            if (!beans.containsBean(delegate.group(1))) {
                unknown.add("${" + delegate.group(1) + "} names no bean of the service");
            }
        }
        Matcher expression = EXPRESSION.matcher(xml);
        while (expression.find()) {
            Matcher member = MEMBER.matcher(expression.group(1));
            while (member.find()) {
                memberProblem(member.group(1), member.group(2), member.group(3) != null).ifPresent(unknown::add);
            }
        }
        problems.addAll(unknown);
        return problems;
    }

    private Optional<String> memberProblem(String name, String member, boolean call) {
        if (ENGINE_NAMES.contains(name)) {
            return Optional.empty();
        }
        if (!beans.containsBean(name)) {
            return Optional.of("${" + name + "." + member + (call ? "(...)" : "") + "}: " + name
                    + " names no bean of the service");
        }
        Class<?> type = beans.getType(name);
        if (type == null) {
            return Optional.empty();
        }
        String capitalised = Character.toUpperCase(member.charAt(0)) + member.substring(1);
        boolean found = Arrays.stream(type.getMethods()).anyMatch(method -> call ? method.getName().equals(member)
                : method.getParameterCount() == 0 && (method.getName().equals("get" + capitalised)
                || method.getName().equals("is" + capitalised) || method.getName().equals(member)))
                || (!call && Arrays.stream(type.getFields()).anyMatch(field -> field.getName().equals(member)));
        return found ? Optional.empty() : Optional.of("${" + name + "." + member + (call ? "(...)" : "")
                + "}: " + type.getSimpleName() + " has no " + (call ? "method " : "property ") + member);
    }
}
