package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 finds a subject's stored facts by type, ISO week and key instead of by type and key. H2's store writes every page
 * a commit changed anew: a night's facts inserted into an index led by type and key (random keys) changed a page of
 * that index a fact, some 10,000 pages (about 36 MB) written at every night's commit, more than half of what recording a
 * night cost. Led by type and week, a night's inserts fall into the pages of the few weeks its facts' days are in.
 * {@code fact_week} is computed by H2 from the day (weeks counted from Monday 1970-01-05, {@code H2Keyed.week}). A
 * subject's facts of a period are then one look-up a week of the period ({@code H2Keyed}). PostgreSQL keeps its index
 * on type and key: it looks a night's keys up as one array, and updates an index page in place.
 */
public class V8__history_weeks extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equals("H2")) return;
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE history ADD COLUMN fact_week BIGINT GENERATED ALWAYS AS (DATEDIFF(DAY, DATE '1970-01-05', fact_day) / 7)");
            s.execute("CREATE INDEX history_type_week_key ON history (fact_type, fact_week, partition_key, fact_day, recorded_on)");
            s.execute("DROP INDEX history_type_key");
        }
    }
}
