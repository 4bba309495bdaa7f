package org.lantian.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for store and API tests: an H2 file in a temporary folder, and a new database on
 * the PostgreSQL server that .ci/run starts (LANTIAN_TEST_PG_URL). Under CI that server must be there.
 */
public final class TestDatabases {
    public static final String PG_ENV = "LANTIAN_TEST_PG_URL";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private TestDatabases() {
    }

    /** "h2" and, when a PostgreSQL server is given, "postgresql". */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("h2"));
        String pg = System.getenv(PG_ENV);
        if (pg != null && !pg.isBlank()) kinds.add("postgresql");
        else if (System.getenv("CI") != null) throw new IllegalStateException(PG_ENV + " is not set: .ci/run starts PostgreSQL");
        return kinds;
    }

    /** A JDBC URL of a new empty database of the kind. */
    public static String fresh(String kind, Path tmp) {
        int n = COUNT.incrementAndGet();
        if (kind.equals("h2")) return "jdbc:h2:file:" + tmp.resolve("store-" + n).toAbsolutePath();
        String admin = System.getenv(PG_ENV);
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
}
