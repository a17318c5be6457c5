package com.orderflow.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test run its own, new PostgreSQL database on localhost:5432 and points Spring at it.
 * Tries the local superuser first, then the credentials of the repository's docker-compose database;
 * {@code ORDERFLOW_TEST_DB_URL}, {@code _USER} and {@code _PASSWORD} name another server.
 * The database is dropped when the run ends.
 */
public class FreshTestDatabase implements LauncherSessionListener {

    private String adminUrl;
    private String user;
    private String password;
    private String database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("spring.datasource.url") != null) {
            return;
        }
        adminUrl = env("ORDERFLOW_TEST_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
        database = "orderflow_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + ProcessHandle.current().pid();
        List<String[]> candidates = System.getenv("ORDERFLOW_TEST_DB_USER") != null
                ? List.<String[]>of(new String[] {System.getenv("ORDERFLOW_TEST_DB_USER"), env("ORDERFLOW_TEST_DB_PASSWORD", "")})
                : List.of(new String[] {"postgres", ""}, new String[] {"orderflow", "orderflow"});
        SQLException last = null;
        for (String[] candidate : candidates) {
            try (Connection connection = DriverManager.getConnection(adminUrl, candidate[0], candidate[1]);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
                user = candidate[0];
                password = candidate[1];
                break;
            } catch (SQLException e) {
                last = e;
            }
        }
        if (user == null) {
            throw new IllegalStateException("Tests need PostgreSQL at " + adminUrl
                    + " (start it, or `docker compose up -d postgres`)", last);
        }
        System.setProperty("spring.datasource.url", adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database);
        System.setProperty("spring.datasource.username", user);
        System.setProperty("spring.datasource.password", password);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (user == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
