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

    private void run(String jobDefinitionId) {
        for (Job job : management.createJobQuery().jobDefinitionId(jobDefinitionId).list()) {
            management.executeJob(job.getId());
        }
    }
}
