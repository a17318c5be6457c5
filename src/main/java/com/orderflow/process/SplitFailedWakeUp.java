package com.orderflow.process;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.batch.BatchJobConfiguration;
import org.camunda.bpm.engine.impl.batch.message.MessageCorrelationBatchConfiguration;
import org.camunda.bpm.engine.impl.batch.message.MessageCorrelationBatchJobHandler;
import org.camunda.bpm.engine.impl.core.variable.VariableUtil;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine does after a job failed. A message correlation job that woke several orders is
 * replaced by one job per order, so the others are not held back by the one that failed, and only the
 * failing order's job counts its retries down to an incident. Any other failed job (and a wake-up of
 * one order, or one carrying batch variables, which {@link OrderResumption} never sends) gets the
 * engine's standard handling: its retries count down, and at the last one it becomes an incident.
 */
class SplitFailedWakeUp implements Command<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SplitFailedWakeUp.class);

    private final String jobId;
    private final Throwable failure;
    private final Command<Object> standard;

    SplitFailedWakeUp(String jobId, Throwable failure, Command<Object> standard) {
        this.jobId = jobId;
        this.failure = failure;
        this.standard = standard;
    }

    @Override
    public Object execute(CommandContext context) {
        JobEntity job = context.getJobManager().findJobById(jobId);
        MessageCorrelationBatchConfiguration wakeUps = job == null ? null : severalWakeUps(context, job);
        if (wakeUps == null) {
            return standard.execute(context);
        }
        RuntimeService runtime = context.getProcessEngineConfiguration().getRuntimeService();
        for (String instance : wakeUps.getIds()) {
            runtime.createMessageCorrelationAsync(wakeUps.getMessageName()).processInstanceIds(List.of(instance))
                    .correlateAllAsync();
        }
        job.delete();
        LOG.warn("A job waking {} orders with {} failed ({}); each of them is woken by a job of its own now",
                wakeUps.getIds().size(), wakeUps.getMessageName(), failure.toString());
        return null;
    }

    private static MessageCorrelationBatchConfiguration severalWakeUps(CommandContext context, JobEntity job) {
        if (!Batch.TYPE_CORRELATE_MESSAGE.equals(job.getJobHandlerType())
                || !(job.getJobHandlerConfiguration() instanceof BatchJobConfiguration reference)) {
            return null;
        }
        ByteArrayEntity stored = context.getDbEntityManager()
                .selectById(ByteArrayEntity.class, reference.getConfigurationByteArrayId());
        if (stored == null) {
            return null;
        }
        MessageCorrelationBatchJobHandler handler = (MessageCorrelationBatchJobHandler) context.getProcessEngineConfiguration()
                .getBatchHandlers().get(Batch.TYPE_CORRELATE_MESSAGE);
        MessageCorrelationBatchConfiguration configuration = handler.readConfiguration(stored.getBytes());
        boolean several = configuration.getIds() != null && configuration.getIds().size() > 1;
        boolean withVariables = !VariableUtil.findBatchVariablesSerialized(configuration.getBatchId(), context).isEmpty();
        return several && !withVariables ? configuration : null;
    }
}
