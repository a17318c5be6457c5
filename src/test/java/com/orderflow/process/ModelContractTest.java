package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderflow.payment.AuthorizationRenewals;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Java code relies on in the models: the ids of the steps and timers it looks up (start-up schedules
 * that bring timers forward, the ops tasks' escalation), the messages it correlates, the errors it throws and the
 * process keys it starts. A designer who renames one in Modeler learns it here, with the Java file that names it,
 * rather than from a schedule that silently finds nothing or a correlation that fails in production.
 */
class ModelContractTest {

    /** An element id by the naming conventions, as a Java string literal. */
    private static final Pattern ID_LITERAL =
            Pattern.compile("\"((?:Task|Event|Gateway|SubProcess|StartEvent|EndEvent|Flow)_[A-Za-z0-9]+)\"");

    private static final Set<String> ids = new HashSet<>();
    private static final Set<String> messages = new HashSet<>();
    private static final Set<String> errors = new HashSet<>();
    private static final Set<String> processes = new HashSet<>();

    @BeforeAll
    static void readModels() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(BaseElement.class).forEach(element -> ids.add(element.getId()));
                model.getModelElementsByType(Message.class).forEach(message -> messages.add(message.getName()));
                model.getModelElementsByType(Error.class).forEach(error -> errors.add(error.getErrorCode()));
                model.getModelElementsByType(Process.class).forEach(process -> processes.add(process.getId()));
            }
        }
    }

    @Test
    void everyElementIdTheJavaCodeNamesIsInAModel() throws IOException {
        Map<String, String> named = new TreeMap<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher literal = ID_LITERAL.matcher(Files.readString(source));
                while (literal.find()) {
                    named.put(literal.group(1), source.getFileName().toString());
                }
            }
        }

        assertThat(named).as("ids named in src/main/java").isNotEmpty();
        named.forEach((id, source) -> assertThat(ids).as("%s, named in %s, is in no model of processes/", id, source)
                .contains(id));
        // What ModelDeploymentCheck requires of a model deployed by hand or at start.
        Set<String> reliedOn = new HashSet<>(OrderProcess.ELEMENTS_RELIED_ON);
        reliedOn.addAll(ReplenishmentProcess.ELEMENTS_RELIED_ON);
        reliedOn.addAll(RenewalProcess.ELEMENTS_RELIED_ON);
        named.forEach((id, source) -> assertThat(reliedOn)
                .as("%s, named in %s, is in no ELEMENTS_RELIED_ON: a model without it would still be deployed", id, source)
                .contains(id));
    }

    @Test
    void everyMessageErrorAndProcessKeyTheJavaCodeUsesIsInAModel() throws IllegalAccessException {
        for (Class<?> names : List.of(OrderProcess.class, ReplenishmentProcess.class, RenewalProcess.class,
                AuthorizationRenewals.class)) {
            for (Field field : names.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                    continue;
                }
                field.setAccessible(true);
                String value = (String) field.get(null);
                String where = names.getSimpleName() + "." + field.getName() + " (\"" + value + "\")";
                if (field.getName().startsWith("MESSAGE_")) {
                    assertThat(messages).as("message %s is in no model", where).contains(value);
                } else if (field.getName().startsWith("ERROR_")) {
                    assertThat(errors).as("error code %s is in no model", where).contains(value);
                } else if (field.getName().equals("KEY") || field.getName().equals("PROCESS_KEY")) {
                    assertThat(processes).as("process %s is in no model", where).contains(value);
                }
            }
        }
    }
}
