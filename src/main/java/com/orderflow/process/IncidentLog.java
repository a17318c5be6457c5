package com.orderflow.process;

import com.orderflow.order.StepIncidents;
import com.orderflow.replenishment.PurchaseOrderIncidents;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One ERROR line when a step has used up its retries and waits for ops in Cockpit, naming the order (the
 * business key), the step and the cause. Each failed attempt before it used to be an ERROR with two stack
 * traces as well (the engine's command and job logging, now reduced in {@code application.yaml}), so a
 * retry that then succeeded looked exactly like an incident, and ops alerting on ERROR were woken for both.
 * A step of an order's process, or of its authorisation renewal, also goes on the order's timeline; one of a purchase
 * order's process on the timeline of each order it is to fill.
 */
@Component
public class IncidentLog extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(IncidentLog.class);
    private static final String COMPENSATION_FAILED = "Error while handling compensation event";
    private static final String CAUSED_BY = "Caused by: ";

    /** Asked for at the first incident: the engine's plugins are made before the beans the timeline needs. */
    private final ObjectProvider<StepIncidents> orders;
    private final ObjectProvider<PurchaseOrderIncidents> purchaseOrders;

    public IncidentLog(ObjectProvider<StepIncidents> orders, ObjectProvider<PurchaseOrderIncidents> purchaseOrders) {
        this.orders = orders;
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The engine's own handler still creates the incident; this one only adds the line.
        configuration.setCompositeIncidentHandlersEnabled(true);
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new Logging(Incident.FAILED_JOB_HANDLER_TYPE, orders, purchaseOrders));
        configuration.setCustomIncidentHandlers(handlers);
    }

    private record Logging(String type, ObjectProvider<StepIncidents> orders,
                           ObjectProvider<PurchaseOrderIncidents> purchaseOrders) implements IncidentHandler {

        @Override
        public String getIncidentHandlerType() {
            return type;
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            // Without a message the engine did not fail it: someone set its retries to 0.
            String cause = message == null ? "no failure recorded (its retries were set to 0)"
                    : message.startsWith(COMPENSATION_FAILED) ? compensationCause(context.getConfiguration(), message)
                    : message;
            if (context.getProcessDefinitionId() == null) {
                log.error("Incident: job {}, of no process (history cleanup or a batch), is out of retries and waits for"
                        + " ops in Cockpit: {}", context.getConfiguration(), cause);
                return null;
            }
            ExecutionEntity execution = context.getExecutionId() == null ? null
                    : Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
            String step = context.getFailedActivityId() != null ? context.getFailedActivityId() : context.getActivityId();
            String businessKey = execution == null ? null : execution.getBusinessKey();
            log.error("Incident: {} of process {} (business key {}) is out of retries and waits for ops in Cockpit: {}",
                    step, context.getProcessDefinitionId(), businessKey == null ? "none" : businessKey, cause);
            String processKey = execution == null ? null : execution.getProcessDefinition().getKey();
            String orderId = orderOf(processKey, businessKey);
            try {
                if (orderId != null) {
                    orders.getObject().stepFailed(orderId, step, context.getConfiguration());
                } else if (ReplenishmentProcess.KEY.equals(processKey) && businessKey != null) {
                    purchaseOrders.getObject().stepFailed(businessKey, step, context.getConfiguration());
                }
            } catch (RuntimeException timelineFailed) {
                // The incident is what ops need; a timeline entry that could not be written must not undo it.
                log.warn("{}: the incident of {} is not on the timeline: {}", businessKey, step, timelineFailed.toString());
            }
            return null;
        }

        /**
         * A step undoing what a cancelled order did fails as the engine's "Error while handling compensation event
         * EventSubscriptionEntity[...]", which is also what Cockpit shows: the step's own failure (the payment
         * provider down, say) is the last cause in the job's stack trace, recorded just before the incident.
         */
        private static String compensationCause(String jobId, String message) {
            JobEntity job = jobId == null ? null : Context.getCommandContext().getJobManager().findJobById(jobId);
            String trace = job == null ? null : job.getExceptionStacktrace();
            if (trace == null) {
                return message;
            }
            String cause = null;
            for (String line : trace.lines().toList()) {
                if (line.startsWith(CAUSED_BY)) {
                    cause = line.substring(CAUSED_BY.length()).strip();
                }
            }
            return cause == null ? message : "undoing the cancelled order's steps failed: " + cause;
        }

        /** The order whose process (or authorisation renewal) this is, or null. */
        private static String orderOf(String processKey, String businessKey) {
            if (businessKey == null) {
                return null;
            }
            if (OrderProcess.KEY.equals(processKey)) {
                return businessKey;
            }
            return RenewalProcess.KEY.equals(processKey) && businessKey.startsWith(RenewalProcess.BUSINESS_KEY_PREFIX)
                    ? businessKey.substring(RenewalProcess.BUSINESS_KEY_PREFIX.length()) : null;
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
