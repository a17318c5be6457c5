package com.orderflow.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;

/** Runs the engine's batch jobs by hand, for tests whose job executor is off. */
public class EngineJobs {

    private final ManagementService management;

    public EngineJobs(ManagementService management) {
        this.management = management;
    }

    /** Executes every batch (seed, execution and monitor jobs) until none is left. */
    public void completeBatches() {
        for (int round = 0; round < 100; round++) {
            List<Batch> batches = management.createBatchQuery().list();
            if (batches.isEmpty()) {
                return;
            }
            for (Batch batch : batches) {
                run(batch.getSeedJobDefinitionId());
                run(batch.getBatchJobDefinitionId());
                run(batch.getMonitorJobDefinitionId());
            }
        }
        throw new AssertionError("Batches did not complete");
    }

    /** Runs the seed jobs of the one batch there is, which make its jobs, and answers the batch. */
    public Batch seedOnlyBatch() {
        Batch batch = management.createBatchQuery().singleResult();
        run(batch.getSeedJobDefinitionId());
        return batch;
    }

    /**
     * Executes every batch's seed jobs, then its jobs that have retries left, once each; a job that
     * fails counts its retries down as under the job executor and the others still run.
     */
    public void runBatchJobsOnce() {
        for (Batch batch : management.createBatchQuery().list()) {
            for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
                for (Job job : management.createJobQuery().jobDefinitionId(definition).withRetriesLeft().list()) {
                    try {
                        management.executeJob(job.getId());
                    } catch (RuntimeException failed) {
                        // the engine recorded the failure on the job
                    }
                }
            }
        }
    }

    private void run(String jobDefinitionId) {
        for (Job job : management.createJobQuery().jobDefinitionId(jobDefinitionId).list()) {
            management.executeJob(job.getId());
        }
    }
}
