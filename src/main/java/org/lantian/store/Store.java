package org.lantian.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The service's database: a pool of connections to H2 (a file under ./data/, the default) or PostgreSQL,
 * with the schema migrated to the latest version when it opens. All SQL in this package binds its values.
 */
public final class Store implements AutoCloseable {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/lantian";

    private final HikariDataSource pool;
    private final String url;
    private final Submissions submissions;
    private final Tokens tokens;
    private final History history;
    private final Scores scores;
    private final Cases cases;
    private final Waivers waivers;

    private Store(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
        this.submissions = new Submissions(this);
        this.tokens = new Tokens(this);
        this.history = new History(this);
        this.scores = new Scores(this);
        this.cases = new Cases(this);
        this.waivers = new Waivers(this);
    }

    /** Opens the store at a JDBC URL and applies any pending migration. */
    public static Store open(String url) throws StoreException {
        return open(url, 8);
    }

    public static Store open(String url, int poolSize) throws StoreException {
        return open(url, poolSize, h2(url));
    }

    /**
     * Opens a store that must exist already (the nightly batch reads one): an H2 file that is not there
     * is an error rather than a new empty store.
     */
    public static Store openExisting(String url, int poolSize) throws StoreException {
        if (!url.startsWith("jdbc:h2:file:") || url.toUpperCase().contains("IFEXISTS")) return open(url, poolSize);
        try {
            return open(url, poolSize, h2(url) + ";IFEXISTS=TRUE");
        } catch (StoreException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException q && (q.getErrorCode() == 90146 || q.getErrorCode() == 90149)) {
                    throw new StoreException("no store at " + redact(url) + " (an H2 file store is made by serve or token)", e);
                }
            }
            throw e;
        }
    }

    private static Store open(String url, int poolSize, String jdbcUrl) throws StoreException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("lantian-store");
        config.setAutoCommit(false);
        // A post inserts ~25 finding rows as one JDBC batch: the PostgreSQL driver sends it as a few
        // multi-row INSERTs instead of 25 statements (less work in the server, fewer round trips).
        if (url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + redact(url) + ": " + rootMessage(e), e);
        }
        try {
            if (url.startsWith("jdbc:h2:")) tuneH2(pool);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException | SQLException e) {
            pool.close();
            throw new StoreException("cannot prepare the store at " + redact(url) + ": " + rootMessage(e), e);
        }
        return new Store(pool, url);
    }

    /**
     * A file H2 database is opened with AUTO_SERVER so that {@code lantian token} can reach it while
     * {@code serve} holds it, and with ANALYZE_AUTO=0: H2 would re-analyse a table after every 2000 changed
     * rows, and the plans of these few queries follow from the indexes anyway. Unless the URL says otherwise.
     */
    private static String h2(String url) {
        if (!url.startsWith("jdbc:h2:")) return url;
        String upper = url.toUpperCase();
        String out = url;
        if (url.startsWith("jdbc:h2:file:") && !upper.contains("AUTO_SERVER")) out += ";AUTO_SERVER=TRUE";
        if (!upper.contains("ANALYZE_AUTO")) out += ";ANALYZE_AUTO=0";
        return out;
    }

    /**
     * H2 keeps committed changes in memory for WRITE_DELAY ms (500 by default) before writing them to its
     * file: a killed server would lose what it had just acknowledged. With 0 every commit is written to
     * the file before it returns.
     */
    private static void tuneH2(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
            c.commit();
        }
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Submissions submissions() {
        return submissions;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The nightly scorecards, for trends and bulletins. */
    public Scores scores() {
        return scores;
    }

    /** Rectification cases and their events (docs/cases.md). */
    public Cases cases() {
        return cases;
    }

    /** Waivers and their audit events (docs/cases.md). */
    public Waivers waivers() {
        return waivers;
    }

    /** Every accepted fact, for judging targets over their periods. */
    public History history() {
        return history;
    }

    /** The JDBC URL without a password, for messages and the health check. */
    public String describe() {
        return redact(url);
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** True when the database answers a trivial query. */
    public boolean healthy() {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1").close();
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
    }
}
