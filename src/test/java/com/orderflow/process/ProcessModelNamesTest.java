package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cockpit lists incidents, activity counts and history by a step's name: two steps of one process named
 * alike ("Void payment authorization" on the rejection path and in the compensation) could not be told
 * apart there. A throw event and the event subprocess start it triggers may share their name.
 */
class ProcessModelNamesTest {

    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("processes")).filter(path -> path.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void noTwoStepsOfAProcessShareAName(Path model) {
        for (Process process : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class)) {
            Map<String, List<FlowNode>> byName = process.getChildElementsByType(FlowNode.class).stream().flatMap(ProcessModelNamesTest::withNested)
                    .filter(node -> node.getName() != null)
                    .collect(Collectors.groupingBy(FlowNode::getName));
            byName.forEach((name, nodes) -> assertThat(nodes.size() == 1 || isThrowAndItsStart(nodes))
                    .as("%s: %s is the name of %s", process.getId(), name, nodes.stream().map(FlowNode::getId).toList())
                    .isTrue());
        }
    }

    private static Stream<FlowNode> withNested(FlowNode node) {
        return Stream.concat(Stream.of(node), node.getChildElementsByType(FlowNode.class).stream()
                .flatMap(ProcessModelNamesTest::withNested));
    }

    private static boolean isThrowAndItsStart(List<FlowNode> nodes) {
        return nodes.size() == 2 && nodes.stream().anyMatch(IntermediateThrowEvent.class::isInstance)
                && nodes.stream().anyMatch(StartEvent.class::isInstance);
    }
}
