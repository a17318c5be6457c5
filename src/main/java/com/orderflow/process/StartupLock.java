package com.orderflow.process;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nodes starting together on one PostgreSQL database take their turn: from the engine's start until the
 * service is ready, a node holds a PostgreSQL advisory lock. Flyway locks its own migrations, but the
 * engine's schema creation, the users, groups and grants ({@code IdentitySetup}) and the repository's
 * models ({@link RepositoryModels}) did not: two nodes started at once on a new database both created the
 * engine's tables or the same user, and one of them died at start-up. The lock lives with its connection,
 * so a node that dies while starting frees it. H2, the one-node demo database, takes no lock.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin {

    /** The advisory lock's key: any number no other part of the service locks. */
    static final long KEY = 0x4f52444552L;
    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    private Connection held;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire(configuration.getDataSource());
    }

    /** Waits for any other node's start to finish; answers whether a lock was taken (PostgreSQL only). */
    synchronized boolean acquire(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return false;
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 ResultSet free = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                if (!free.next() || !free.getBoolean(1)) {
                    log.info("Another node is starting on this database; this one starts when it is ready");
                    statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
                }
            }
            held = connection;
            return true;
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not take the start-up lock", e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held; Statement statement = connection.createStatement()) {
            // A session lock would stay with the pooled connection: unlock before it goes back to the pool.
            statement.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            log.warn("Could not release the start-up lock; it goes with its connection: {}", e.getMessage());
        } finally {
            held = null;
        }
    }
}
