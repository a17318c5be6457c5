package com.orderflow.replenishment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Schema version 23: lead times and batching windows longer than a supplier's terms may state
 * ({@link Supplier#LONGEST_TERM_DAYS}) are cut down to it. Before that bound was checked on write,
 * such a supplier could be stored, and adding its lead time to a date then overflowed: its
 * products' availability answered 500 and no ETA could be promised for them. The durations are
 * ISO-8601 text, which neither H2 nor PostgreSQL reads as an interval in every case, hence Java.
 */
@Component
public class BoundStoredSupplierTermsMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(BoundStoredSupplierTermsMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("23");
    }

    @Override
    public String getDescription() {
        return "bound stored supplier terms";
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
        List<String[]> cut = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, lead_time, batching_window FROM supplier ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String leadTime = bounded(rows.getString("lead_time"));
                String window = bounded(rows.getString("batching_window"));
                if (!leadTime.equals(rows.getString("lead_time")) || !window.equals(rows.getString("batching_window"))) {
                    cut.add(new String[] {rows.getString("id"), leadTime, window});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE supplier SET lead_time = ?, batching_window = ? WHERE id = ?")) {
            for (String[] supplier : cut) {
                update.setString(1, supplier[1]);
                update.setString(2, supplier[2]);
                update.setString(3, supplier[0]);
                update.executeUpdate();
                log.warn("Supplier {}: lead time or batching window cut to {} days, the longest a supplier's "
                        + "terms may state; check its terms", supplier[0], Supplier.LONGEST_TERM_DAYS);
            }
        }
    }

    private static String bounded(String stored) {
        return Duration.parse(stored).compareTo(Supplier.LONGEST_TERM) > 0 ? Supplier.LONGEST_TERM.toString() : stored;
    }
}
