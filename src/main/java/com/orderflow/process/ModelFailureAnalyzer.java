package com.orderflow.process;

import org.camunda.bpm.engine.ParseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A model in {@code processes/} the engine or {@link ModelDeploymentCheck} refused stops the start; the log led with
 * an error about an unrelated bean and gave the model's problem several "Caused by" lines further down. Spring Boot
 * now ends the start with the problem itself, and what to do.
 */
public class ModelFailureAnalyzer extends AbstractFailureAnalyzer<ParseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ParseException cause) {
        return new FailureAnalysis("A process model could not be deployed: " + cause.getMessage(),
                "Correct the model in processes/ (Camunda Modeler opens it) and start again; `mvn verify -Dtest=ModelContractTest`"
                        + " checks the ids and names the service relies on.", cause);
    }
}
