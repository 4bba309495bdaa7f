package org.lantian.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for store and API tests: an H2 file in a temporary folder, and a new database on
 * the PostgreSQL server that .ci/run starts (LANTIAN_TEST_PG_URL). Under CI (the variable CI set, as
 * .ci/run does) that server must be there; elsewhere a PostgreSQL run without it is reported as skipped,
 * never silently left out.
 */
public final class TestDatabases {
    public static final String PG_ENV = "LANTIAN_TEST_PG_URL";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private TestDatabases() {
    }

    /** "h2" and "postgresql": every store test runs on both (or reports the PostgreSQL run skipped). */
    public static List<String> kinds() {
        return List.of("h2", "postgresql");
    }

    /**
     * A JDBC URL of a new empty database of the kind. Without a PostgreSQL server a "postgresql" test is
     * aborted as skipped (a JUnit assumption), or fails under CI.
     */
    public static String fresh(String kind, Path tmp) {
        int n = COUNT.incrementAndGet();
        if (kind.equals("h2")) return "jdbc:h2:file:" + tmp.resolve("store-" + n).toAbsolutePath();
        String admin = System.getenv(PG_ENV);
        if (admin == null || admin.isBlank()) {
            if (underCi()) throw new IllegalStateException(PG_ENV + " is not set: .ci/run starts PostgreSQL");
            Assumptions.abort(PG_ENV + " is not set: PostgreSQL run skipped (. .ci/postgres.sh starts a server)");
        }
        String name = "lantian_test_" + ProcessHandle.current().pid() + "_" + n;
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin + ": " + e.getMessage(), e);
        }
        int q = admin.indexOf('?');
        String base = q < 0 ? admin : admin.substring(0, q);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (q < 0 ? "" : admin.substring(q));
    }

    /** True under CI (.ci/run exports CI=true): what a test needs must be there, not skipped. */
    public static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
