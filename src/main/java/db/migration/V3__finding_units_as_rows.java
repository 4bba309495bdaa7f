package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A finding's responsible units become rows of their own, matched with = instead of LIKE '%|unit|%' on
 * joined text: a town named "A|B" or a unit filter of "%" can no longer match another unit's findings.
 * In Java because splitting the stored "|a|b|" text is not SQL that H2 and PostgreSQL share.
 */
public class V3__finding_units_as_rows extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            // One row per unit of a finding; the key serves GET /findings' "has this unit" look-up per finding row.
            s.execute("CREATE TABLE finding_units ("
                    + " submission VARCHAR(200) NOT NULL,"
                    + " seq        INTEGER      NOT NULL,"
                    + " unit       VARCHAR(400) NOT NULL,"
                    + " PRIMARY KEY (submission, seq, unit))");
        }
        try (Statement read = c.createStatement();
             ResultSet r = read.executeQuery("SELECT submission, seq, units FROM findings");
             PreparedStatement insert = c.prepareStatement("INSERT INTO finding_units (submission, seq, unit) VALUES (?, ?, ?)")) {
            int pending = 0;
            while (r.next()) {
                java.util.Set<String> units = new java.util.LinkedHashSet<>();
                for (String unit : r.getString(3).split("\\|")) if (!unit.isEmpty()) units.add(unit);
                for (String unit : units) {
                    insert.setString(1, r.getString(1));
                    insert.setInt(2, r.getInt(2));
                    insert.setString(3, unit);
                    insert.addBatch();
                    if (++pending % 1000 == 0) insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE findings DROP COLUMN units");
        }
    }
}
