package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderflow.OrderflowApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The production profile refuses to start with a missing, empty or default admin password, and on a database a
 * newer release has migrated.
 */
class ProductionProfileTest {

    @ParameterizedTest(name = "password \"{0}\"")
    @ValueSource(strings = {"", "admin", "   "})
    void refusesToStartWithoutARealAdminPassword(String password) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(OrderflowApplication.class)
                .profiles("postgres")
                .properties("server.port=0", "orderflow.admin.password=" + password,
                        "orderflow.choice.secret=a-choice-secret-long-enough-for-the-check",
                        "camunda.bpm.job-execution.enabled=false");

        assertThatThrownBy(app::run).hasStackTraceContaining("ORDERFLOW_ADMIN_PASSWORD must be set");
    }

    /** An operator rolling back to an older release: it started and wrote rows without the newer columns. */
    @Test
    void refusesToStartOnADatabaseANewerReleaseMigrated() throws SQLException {
        String url = System.getProperty("spring.datasource.url");
        String user = System.getProperty("spring.datasource.username");
        String password = System.getProperty("spring.datasource.password");
        String database = "orderflow_newer_" + ProcessHandle.current().pid();
        String newer = url.substring(0, url.lastIndexOf('/') + 1) + database;
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        try {
            // Arguments, as they outrank the system properties that point the other tests at their database.
            String[] args = {"--server.port=0", "--spring.datasource.url=" + newer,
                    "--orderflow.admin.password=ops-secret-1",
                    "--orderflow.choice.secret=a-choice-secret-long-enough-for-the-check",
                    "--camunda.bpm.job-execution.enabled=false"};
            // The database as this release leaves it, by this release itself (its SQL and Java migrations), then one
            // step further.
            new SpringApplicationBuilder(OrderflowApplication.class).profiles("postgres").run(args).close();
            try (Connection connection = DriverManager.getConnection(newer, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                           installed_by, execution_time, success)
                        VALUES (999, '999', 'a newer release', 'SQL', 'V999__a_newer_release.sql', 0, 'test', 1, TRUE)""");
            }

            assertThatThrownBy(() -> new SpringApplicationBuilder(OrderflowApplication.class).profiles("postgres").run(args))
                    .hasStackTraceContaining("Detected applied migration not resolved locally: 999");
        } finally {
            try (Connection admin = DriverManager.getConnection(url, user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
