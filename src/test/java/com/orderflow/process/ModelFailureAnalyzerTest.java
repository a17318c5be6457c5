package com.orderflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A refused model stopped the start behind an error about an unrelated bean, its cause far down the log. */
class ModelFailureAnalyzerTest {

    @Test
    void aRefusedModelEndsTheStartWithWhatIsWrongWithIt() {
        BeanCreationException startFailure = new BeanCreationException("vanishedTaskGuard", "Error creating bean",
                new IllegalStateException("engine", new ParseException("processes/order-fulfillment.bpmn cannot be deployed:"
                        + " ${reserveStockDelegat} names no bean of the service", "order-fulfillment.bpmn", List.of(), List.of())));

        FailureAnalysis analysis = new ModelFailureAnalyzer().analyze(startFailure);

        assertThat(analysis.getDescription()).contains("order-fulfillment.bpmn cannot be deployed")
                .contains("${reserveStockDelegat} names no bean");
        assertThat(analysis.getAction()).contains("processes/");
        assertThat(new ModelFailureAnalyzer().analyze(new BeanCreationException("other"))).isNull();
        // Spring Boot finds it where it looks for analyzers.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(), SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(getClass()))))
                .anyMatch(ModelFailureAnalyzer.class::isInstance);
    }
}
