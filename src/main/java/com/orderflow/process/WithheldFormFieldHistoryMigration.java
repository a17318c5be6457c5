package com.orderflow.process;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Schema version 30: the payment tokens ops entered in Tasklist before {@link WithheldVariableHistory}
 * covered submitted form fields are withheld in the history already written, where every ops user could
 * read them for the process's 180 days. On a new database the engine's tables come after this step, and
 * there is nothing to withhold.
 */
@Component
public class WithheldFormFieldHistoryMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(WithheldFormFieldHistoryMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("30");
    }

    @Override
    public String getDescription() {
        return "withhold secret form fields in the engine's history";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!historyExists(connection.getMetaData())) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE act_hi_detail SET text_ = ?
                WHERE type_ = 'FormProperty' AND name_ = ? AND text_ IS NOT NULL AND text_ <> ?""")) {
            for (String secret : WithheldVariableHistory.SECRETS) {
                update.setString(1, WithheldVariableHistory.WITHHELD);
                update.setString(2, secret);
                update.setString(3, WithheldVariableHistory.WITHHELD);
                int withheld = update.executeUpdate();
                if (withheld > 0) {
                    log.info("Withheld {} submitted values of form field {} in the engine's history", withheld, secret);
                }
            }
        }
    }

    /** PostgreSQL names the engine's tables in lower case, H2 in upper case. */
    private static boolean historyExists(DatabaseMetaData metadata) throws SQLException {
        for (String name : new String[] {"act_hi_detail", "ACT_HI_DETAIL"}) {
            try (ResultSet tables = metadata.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
