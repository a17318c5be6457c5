package com.orderflow.process;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What the engine does after a job failed, for a job that lost a race: another change of the same
 * process (an ops decision, an authorisation renewal, a customer's choice) committed while the job ran,
 * and the engine refused the job's now stale writes. The step has nothing to wait for; its retry interval
 * (up to {@code orderflow.process.remote-call-retry}, 30 s by default) is meant for an outside system that
 * failed, and kept a shipped order's capture and e-mail waiting. The failure is handled as usual (recorded
 * and counted against the step's retries, so a step that keeps losing still ends as an incident rather than
 * looping), and the job is due again at once. It wraps whatever the engine would do after a failed job,
 * {@link WakeUpBatches}' split included.
 */
@Component
public class LostRaceRetry extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory inner = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, failure) -> {
            Command<Object> standard = inner.getCommand(jobId, failure);
            return lostRace(failure) ? context -> {
                Object result = standard.execute(context);
                JobEntity job = context.getJobManager().findJobById(jobId);
                if (job != null && job.getRetries() > 0) {
                    job.setDuedate(ClockUtil.getCurrentTime());
                }
                return result;
            } : standard;
        });
    }

    static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }
}
