package com.orderflow.support;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;

/** What Flyway hands a Java migration, to run one again on a database that has it applied already. */
public final class MigrationContext {

    private MigrationContext() {
    }

    public static Context on(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
