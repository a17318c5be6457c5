package com.orderflow.process;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's jobs for the job executor's acquisition query. By due date: every backordered
 * order keeps two timer jobs (ETA passed, authorisation renewal), and the job executor looks for due
 * jobs with a query Camunda's own indexes do not serve: with 20,000 orders waiting it read all 40,000
 * job rows each time (49 ms on the benchmark machine), with the index 0.04 ms (docs/performance.md).
 * <p>
 * On PostgreSQL also the jobs locked by a job executor, which the same query reads to skip process
 * instances whose jobs are running. PostgreSQL planned that part as a scan of every job row, waiting
 * timers included: 2 to 8 ms a poll during a 10,000-order release, where the few locked rows take
 * microseconds through this partial index. (H2, the demo database, has no partial indexes.)
 * <p>
 * And by priority: the job executor acquires the highest priority first ({@link ShippingFirst}). Without
 * the index each poll sorted every ready job, thousands of captures after a large receipt, and
 * PostgreSQL's CPU per released order rose from 10 to 18 ms; with it a poll reads the first ten.
 * <p>
 * Created here rather than in a Flyway migration because Flyway runs before the engine creates its
 * tables on a new database.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String jobs = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
            statement.execute("CREATE INDEX IF NOT EXISTS orderflow_job_due_idx ON " + jobs + " (DUEDATE_)");
            statement.execute("CREATE INDEX IF NOT EXISTS orderflow_job_priority_idx ON " + jobs + " (PRIORITY_)");
            if ("postgres".equals(configuration.getDatabaseType())) {
                statement.execute("CREATE INDEX IF NOT EXISTS orderflow_job_locked_idx ON " + jobs
                        + " (PROCESS_INSTANCE_ID_, LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not index the engine's jobs for acquisition", e);
        }
    }
}
