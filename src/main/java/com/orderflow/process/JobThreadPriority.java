package com.orderflow.process;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the job executor's threads at the lowest Java priority, so that a node working off a backlog
 * of jobs still answers requests at once: an order waits a little longer for its parcel rather than
 * its customer for the answer to "place order". At 50 orders a second on two cores the API's p99
 * read 72 to 91 ms before and 41 to 48 ms after in one hour; with it 57 to 68 ms in a later hour and
 * 23 to 32 ms in a faster one (docs/performance.md, tenth to twelfth rounds).
 * <p>
 * Java passes priorities on to Linux only with {@code -XX:ThreadPriorityPolicy=1}, and
 * {@code -XX:JavaPriority1_To_OSPriority} sets the nice value of the lowest; the README's run command,
 * the Dockerfile, the tests and the drills start the JVM with both. Without them every thread runs alike,
 * as before, and the service says so at start.
 */
@Component
class JobThreadPriority implements BeanPostProcessor {

    /** The Camunda starter's executor for the job executor's threads. */
    static final String JOB_EXECUTOR_THREADS = "camundaTaskExecutor";

    private static final Logger log = LoggerFactory.getLogger(JobThreadPriority.class);

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (JOB_EXECUTOR_THREADS.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
            executor.setThreadPriority(Thread.MIN_PRIORITY);
            if (!prioritiesReachTheOperatingSystem()) {
                log.info("Job threads run at the same OS priority as request threads: start the JVM with "
                        + "-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 to answer requests first on a busy node");
            }
        }
        return bean;
    }

    private static boolean prioritiesReachTheOperatingSystem() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            return vm != null && "1".equals(vm.getVMOption("ThreadPriorityPolicy").getValue());
        } catch (IllegalArgumentException notHotSpot) {
            return false;
        }
    }
}
