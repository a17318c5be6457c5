package com.orderflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One ERROR line when a step has used up its retries and waits for ops in Cockpit, naming the order (the
 * business key), the step and the cause. Each failed attempt before it used to be an ERROR with two stack
 * traces as well (the engine's command and job logging, now reduced in {@code application.yaml}), so a
 * retry that then succeeded looked exactly like an incident, and ops alerting on ERROR were woken for both.
 */
@Component
public class IncidentLog extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(IncidentLog.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The engine's own handler still creates the incident; this one only adds the line.
        configuration.setCompositeIncidentHandlersEnabled(true);
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new Logging(Incident.FAILED_JOB_HANDLER_TYPE));
        configuration.setCustomIncidentHandlers(handlers);
    }

    private record Logging(String type) implements IncidentHandler {

        @Override
        public String getIncidentHandlerType() {
            return type;
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            // Without a message the engine did not fail it: someone set its retries to 0.
            String cause = message != null ? message : "no failure recorded (its retries were set to 0)";
            if (context.getProcessDefinitionId() == null) {
                log.error("Incident: job {}, of no process (history cleanup or a batch), is out of retries and waits for"
                        + " ops in Cockpit: {}", context.getConfiguration(), cause);
                return null;
            }
            ExecutionEntity execution = context.getExecutionId() == null ? null
                    : Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
            log.error("Incident: {} of process {} (business key {}) is out of retries and waits for ops in Cockpit: {}",
                    context.getFailedActivityId() != null ? context.getFailedActivityId() : context.getActivityId(),
                    context.getProcessDefinitionId(), execution == null ? "none" : execution.getBusinessKey(), cause);
            return null;
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            // Resolved by a successful retry or by ops; the engine's handler records it.
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            // Deleted with its process instance or job; the engine's handler records it.
        }
    }
}
