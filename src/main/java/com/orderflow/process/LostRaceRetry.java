package com.orderflow.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.springframework.stereotype.Component;

/**
 * Retries a step that lost a race with another change of its process at once ({@link RetryLostRaceAtOnce}).
 * It wraps whatever the engine would do after a failed job, {@link WakeUpBatches}' split included.
 */
@Component
public class LostRaceRetry extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory inner = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(
                (jobId, failure) -> new RetryLostRaceAtOnce(jobId, failure, inner.getCommand(jobId, failure)));
    }
}
