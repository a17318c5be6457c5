package com.orderflow.process;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.springframework.stereotype.Component;

/**
 * Wakes released orders many to a job. {@link OrderResumption} hands the engine one message
 * correlation batch per receipt; by default the engine makes a job of every order in it, and that job's
 * own cost (acquiring, locking, reading and deleting it, its configuration and its log) was as large as
 * the wake-up it carried. With {@code orderflow.process.wake-ups-per-job} orders to a job, their wake-ups
 * share one transaction and the engine writes their rows in shared statements (docs/performance.md,
 * eighteenth round).
 * <p>
 * Orders woken together would also fail together: one order whose step throws would hold back the
 * others in its job. So a failed job of several wake-ups is split at once ({@link SplitFailedWakeUp}):
 * each of its orders gets a job of its own, as every wake-up had before, with the engine's usual
 * retries and, at the last, an incident of its own.
 */
@Component
public class WakeUpBatches extends AbstractProcessEnginePlugin {

    private final ProcessSettings settings;

    public WakeUpBatches(ProcessSettings settings) {
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<String, Integer> perJob = configuration.getInvocationsPerBatchJobByBatchType() == null
                ? new HashMap<>() : new HashMap<>(configuration.getInvocationsPerBatchJobByBatchType());
        perJob.put(Batch.TYPE_CORRELATE_MESSAGE, settings.getWakeUpsPerJob());
        configuration.setInvocationsPerBatchJobByBatchType(perJob);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory standard = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(
                (jobId, failure) -> new SplitFailedWakeUp(jobId, failure, standard.getCommand(jobId, failure)));
    }
}
