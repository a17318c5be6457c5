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
 * Databases of earlier runs are dropped by a later run once they are an hour old.
 */
public class FreshTestDatabase implements LauncherSessionListener {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

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
        database = "orderflow_test_" + LocalDateTime.now().format(STAMP)
                + "_" + ProcessHandle.current().pid();
        List<String[]> candidates = System.getenv("ORDERFLOW_TEST_DB_USER") != null
                ? List.<String[]>of(new String[] {System.getenv("ORDERFLOW_TEST_DB_USER"), env("ORDERFLOW_TEST_DB_PASSWORD", "")})
                : List.of(new String[] {"postgres", ""}, new String[] {"orderflow", env("POSTGRES_PASSWORD", "orderflow")});
        SQLException last = null;
        for (String[] candidate : candidates) {
            try (Connection connection = DriverManager.getConnection(adminUrl, candidate[0], candidate[1]);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
                dropEarlierRuns(statement);
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

    /**
     * Drops databases of earlier runs, once they are an hour old. The current run's database stays
     * until then: Spring closes its contexts after the test session, and other test JVMs (forks,
     * or another checkout's run) may still be using theirs. A database still in use is left alone.
     */
    private void dropEarlierRuns(Statement statement) throws SQLException {
        String cutoff = LocalDateTime.now().minusHours(1).format(STAMP);
        List<String> earlier = new java.util.ArrayList<>();
        try (var rs = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE 'orderflow\\_test\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String stamp = name.substring("orderflow_test_".length());
                if (stamp.length() >= 15 && stamp.substring(0, 15).compareTo(cutoff) < 0) {
                    earlier.add(name);
                }
            }
        }
        for (String name : earlier) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException inUse) {
                // another test run is using it
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
