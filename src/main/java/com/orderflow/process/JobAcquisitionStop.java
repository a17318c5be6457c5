package com.orderflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops taking jobs first when the node stops. The engine's job executor shut down only as the engine closed,
 * after the web server's graceful shutdown: it kept acquiring jobs, each locked to this node for five minutes,
 * and an orchestrator that killed the node after its grace period left those orders waiting out the locks.
 * Jobs already taken still run while the node stops; the others stay for the other nodes, or for this one's
 * next start.
 */
@Component
public class JobAcquisitionStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionStop.class);

    private final ProcessEngine engine;
    private volatile boolean running;

    public JobAcquisitionStop(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        if (jobs != null && jobs.isActive()) {
            log.info("Stopping: no more jobs are taken on this node; those it holds finish");
            jobs.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown, which runs in a lower phase. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
