package com.orderflow.process;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What the engine does after a job failed, for a job that lost a race: another change of the same
 * process (an ops decision, an authorisation renewal, a customer's choice) committed while the job ran,
 * and the engine refused the job's now stale writes. The step has nothing to wait for; its retry interval
 * (up to {@code orderflow.process.remote-call-retry}, 30 s by default) is meant for an outside system that
 * failed, and kept a shipped order's capture and e-mail waiting. The failure is handled as usual (recorded
 * and counted against the step's retries, so a step that keeps losing still ends as an incident rather than
 * looping), and the job is due again at once.
 */
class RetryLostRaceAtOnce implements Command<Object> {

    private final String jobId;
    private final Throwable failure;
    private final Command<Object> standard;

    RetryLostRaceAtOnce(String jobId, Throwable failure, Command<Object> standard) {
        this.jobId = jobId;
        this.failure = failure;
        this.standard = standard;
    }

    @Override
    public Object execute(CommandContext context) {
        Object result = standard.execute(context);
        if (lostRace(failure)) {
            JobEntity job = context.getJobManager().findJobById(jobId);
            if (job != null && job.getRetries() > 0) {
                job.setDuedate(ClockUtil.getCurrentTime());
            }
        }
        return result;
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
