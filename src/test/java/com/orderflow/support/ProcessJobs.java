package com.orderflow.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

/**
 * Executes a job as camunda-bpm-assert does, and then the save point after "Authorize payment" if the job
 * left the order there: the job executor runs that continuation at once, and a test is about the steps
 * around it, not the commit between them. A test about the save point itself executes jobs one by one.
 */
public final class ProcessJobs {

    private static final String AUTHORIZE_PAYMENT = "Task_AuthorizePayment";

    private ProcessJobs() {
    }

    public static void execute(Job job) {
        BpmnAwareTests.execute(job);
        Job saved = savePointAfterAuthorization(job.getProcessInstanceId());
        if (saved != null) {
            BpmnAwareTests.execute(saved);
        }
    }

    /** The engine names an after-save-point's continuation by the operation it resumes with (a listener's). */
    private static Job savePointAfterAuthorization(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        return managementService().createJobQuery().processInstanceId(processInstanceId).activityId(AUTHORIZE_PAYMENT)
                .list().stream()
                .filter(job -> ((JobEntity) job).getJobHandlerConfigurationRaw().startsWith("transition-notify-listener"))
                .findFirst().orElse(null);
    }
}
