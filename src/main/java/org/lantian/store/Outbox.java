package org.lantian.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The alerts' transactional outbox (docs/alerts.md). Alerts are written here first, in the transaction that
 * reads what they are about; a worker sends them later and marks them sent. Each row has an idempotency key
 * made from what it is about (a case event and a unit, or a unit's digest of a day), so deriving it again
 * writes nothing, and the receiver can drop a repeated delivery.
 */
public final class Outbox {
    /**
     * How far back before the cursor each derivation looks again: an event whose id was taken before the
     * cursor's but committed after it (two transactions at once) is still found; its key keeps it single.
     */
    static final long OVERLAP = 1000;
    private static final String CURSOR = "case_events";
    private static final String DIGEST = "digest";

    private final Store store;

    Outbox(Store store) {
        this.store = store;
    }

    public enum Kind { OVERDUE, REPEAT, DIGEST }

    public enum State { PENDING, SENT, DROPPED }

    /** A message for a group robot: a title (the chat list's line) and markdown. */
    public record Message(String title, String markdown) {
    }

    /** A case event worth an alert, with its case, for one unit that has a webhook. */
    public record CaseAlert(long event, Kind kind, LocalDateTime at, long caseId, int measure, String rule, String subject,
                            String status, LocalDate openedOn, LocalDate dueOn, int repeats, String unit) {
    }

    /** A case still to put right, for a digest. */
    public record OpenCase(long id, int measure, String rule, String subject, String status, LocalDate openedOn, LocalDate dueOn,
                           int repeats) {
    }

    /** An alert due to be sent, with its unit's webhook now (null when the unit has none any more). */
    public record Pending(long id, String key, String unit, Kind kind, Long caseId, String title, String markdown, int attempts,
                          String url, WebhookKind webhook) {
    }

    /** A row as listed. */
    public record Row(long id, String key, String unit, Kind kind, Long caseId, State state, int attempts, OffsetDateTime createdAt,
                      OffsetDateTime nextAt, OffsetDateTime sentAt, String lastError) {
    }

    /**
     * Writes an alert for each new OVERDUE and repeat event of case_events since the cursor, one per unit of
     * its case that has a webhook, and moves the cursor, in one transaction. An overdue is an event to OVERDUE
     * from another status; a repeat one from CLOSED to OPEN. Returns the number of alerts written.
     */
    public int deriveFromEvents(Function<CaseAlert, Message> render, OffsetDateTime now) throws SQLException {
        try (Connection c = store.connection()) {
            try {
                long last = lockCursor(c);
                long max = last;
                try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM case_events")) {
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next() && r.getObject(1) != null) max = Math.max(last, r.getLong(1));
                    }
                }
                int written = 0;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT e.id, e.from_status, e.to_status, e.at, c.id, c.measure, c.rule, c.subject, c.status, c.opened_on, c.due_on,"
                                + " c.repeats, u.unit FROM case_events e JOIN cases c ON c.id = e.case_id"
                                + " JOIN case_units u ON u.case_id = e.case_id JOIN webhooks w ON w.unit = u.unit"
                                + " WHERE e.id > ? AND e.id <= ? AND ((e.to_status = 'OVERDUE' AND (e.from_status IS NULL OR e.from_status <> 'OVERDUE'))"
                                + " OR (e.from_status = 'CLOSED' AND e.to_status = 'OPEN')) ORDER BY e.id, u.unit")) {
                    s.setLong(1, Math.max(0, last - OVERLAP));
                    s.setLong(2, max);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            Kind kind = "OVERDUE".equals(r.getString(3)) ? Kind.OVERDUE : Kind.REPEAT;
                            CaseAlert a = new CaseAlert(r.getLong(1), kind, r.getObject(4, LocalDateTime.class), r.getLong(5), r.getInt(6),
                                    r.getString(7), r.getString(8), r.getString(9), r.getObject(10, LocalDate.class),
                                    r.getObject(11, LocalDate.class), r.getInt(12), r.getString(13));
                            String key = eventKey(a.event(), a.unit());
                            if (exists(c, key)) continue;
                            insert(c, key, a.unit(), kind, a.caseId(), render.apply(a), now);
                            written++;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE outbox_cursor SET last_id = ? WHERE name = ?")) {
                    s.setLong(1, max);
                    s.setString(2, CURSOR);
                    s.executeUpdate();
                }
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Writes the day's digest of every unit with a webhook and at least one OPEN or OVERDUE case (OVERDUE first,
     * then by due day and id), once a unit and day whatever the number of calls, and notes the day as done
     * ({@link #digestsWritten}). Returns the number written.
     */
    public int enqueueDigests(LocalDate day, BiFunction<String, List<OpenCase>, Message> render, OffsetDateTime now) throws SQLException {
        try (Connection c = store.connection()) {
            try {
                lockCursor(c); // one writer of the outbox at a time
                Map<String, List<OpenCase>> byUnit = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT w.unit, c.id, c.measure, c.rule, c.subject, c.status, c.opened_on, c.due_on, c.repeats FROM webhooks w"
                                + " JOIN case_units u ON u.unit = w.unit JOIN cases c ON c.id = u.case_id"
                                + " WHERE c.status IN ('OPEN', 'OVERDUE')"
                                + " ORDER BY w.unit, CASE WHEN c.status = 'OVERDUE' THEN 0 ELSE 1 END, c.due_on, c.id")) {
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            byUnit.computeIfAbsent(r.getString(1), u -> new ArrayList<>()).add(new OpenCase(r.getLong(2), r.getInt(3),
                                    r.getString(4), r.getString(5), r.getString(6), r.getObject(7, LocalDate.class),
                                    r.getObject(8, LocalDate.class), r.getInt(9)));
                        }
                    }
                }
                int written = 0;
                for (Map.Entry<String, List<OpenCase>> e : byUnit.entrySet()) {
                    String key = digestKey(day, e.getKey());
                    if (exists(c, key)) continue;
                    insert(c, key, e.getKey(), Kind.DIGEST, null, render.apply(e.getKey(), e.getValue()), now);
                    written++;
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE outbox_cursor SET last_id = ? WHERE name = ? AND last_id < ?")) {
                    s.setLong(1, day.toEpochDay());
                    s.setString(2, DIGEST);
                    s.setLong(3, day.toEpochDay());
                    s.executeUpdate();
                }
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Whether the digests of the day (or a later one) were written already, whether or not any unit had open cases. */
    public boolean digestsWritten(LocalDate day) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("SELECT last_id FROM outbox_cursor WHERE name = ?")) {
            s.setString(1, DIGEST);
            try (ResultSet r = s.executeQuery()) {
                boolean out = r.next() && r.getLong(1) >= day.toEpochDay();
                c.rollback();
                return out;
            }
        }
    }

    /** The key of the alert of a case event to a unit. ASCII, so that it can go in a header as it is. */
    public static String eventKey(long event, String unit) {
        return "lantian-event-" + event + "-" + unitHash(unit);
    }

    public static String digestKey(LocalDate day, String unit) {
        return "lantian-digest-" + day + "-" + unitHash(unit);
    }

    private static String unitHash(String unit) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(unit.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lockCursor(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM outbox_cursor WHERE name = ? FOR UPDATE")) {
            s.setString(1, CURSOR);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new SQLException("outbox_cursor has no row " + CURSOR);
                return r.getLong(1);
            }
        }
    }

    private static boolean exists(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM outbox WHERE idem_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void insert(Connection c, String key, String unit, Kind kind, Long caseId, Message m, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (idem_key, unit, kind, case_id, title, markdown, created_at,"
                + " status, attempts, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
            s.setString(1, key);
            s.setString(2, unit);
            s.setString(3, kind.name());
            if (caseId == null) s.setNull(4, java.sql.Types.BIGINT); else s.setLong(4, caseId);
            s.setString(5, cut(m.title(), 400));
            s.setString(6, cut(m.markdown(), 8000));
            s.setObject(7, now);
            s.setObject(8, now);
            s.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Alerts due at {@code now} (PENDING, next attempt not later), oldest first, at most {@code limit}. */
    public List<Pending> due(OffsetDateTime now, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT o.id, o.idem_key, o.unit, o.kind, o.case_id, o.title, o.markdown, o.attempts, w.url, w.kind FROM outbox o"
                        + " LEFT JOIN webhooks w ON w.unit = o.unit WHERE o.status = 'PENDING' AND o.next_at <= ? ORDER BY o.id LIMIT ?")) {
            s.setObject(1, now);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending(r.getLong(1), r.getString(2), r.getString(3), Kind.valueOf(r.getString(4)),
                            (Long) r.getObject(5, Long.class), r.getString(6), r.getString(7), r.getInt(8), r.getString(9),
                            r.getString(10) == null ? null : WebhookKind.valueOf(r.getString(10))));
                }
            }
            c.rollback();
        }
        return out;
    }

    /**
     * Takes an alert for one attempt: counts the attempt and moves its next attempt to {@code until}, so that
     * another worker leaves it alone meanwhile. False when another worker took it first.
     */
    public boolean claim(Pending p, OffsetDateTime until) throws SQLException {
        return update("UPDATE outbox SET attempts = attempts + 1, next_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ?",
                until, p.id(), p.attempts()) == 1;
    }

    public void sent(long id, OffsetDateTime at) throws SQLException {
        update("UPDATE outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?", at, id);
    }

    /** An attempt failed: the next one is due at {@code nextAt}. */
    public void failed(long id, OffsetDateTime nextAt, String error) throws SQLException {
        update("UPDATE outbox SET next_at = ?, last_error = ? WHERE id = ? AND status = 'PENDING'", nextAt, cut(error, 1000), id);
    }

    /** Never to be sent (its unit has no webhook any more). */
    public void dropped(long id, String reason) throws SQLException {
        update("UPDATE outbox SET status = 'DROPPED', last_error = ? WHERE id = ? AND status = 'PENDING'", cut(reason, 1000), id);
    }

    /** How many of a unit's alerts were sent since a time (DingTalk takes at most 20 a minute from a robot). */
    public int sentSince(String unit, OffsetDateTime since) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox WHERE unit = ? AND status = 'SENT' AND sent_at >= ?")) {
            s.setString(1, unit);
            s.setObject(2, since);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int n = r.getInt(1);
                c.rollback();
                return n;
            }
        }
    }

    /** The rows, newest first, of one unit or all (unit null), at most {@code limit}. */
    public List<Row> list(String unit, int limit) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, idem_key, unit, kind, case_id, status, attempts, created_at, next_at, sent_at, last_error FROM outbox"
                        + (unit == null ? "" : " WHERE unit = ?") + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (unit != null) s.setString(i++, unit);
            s.setInt(i, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Row(r.getLong(1), r.getString(2), r.getString(3), Kind.valueOf(r.getString(4)),
                            (Long) r.getObject(5, Long.class), State.valueOf(r.getString(6)), r.getInt(7),
                            r.getObject(8, OffsetDateTime.class), r.getObject(9, OffsetDateTime.class),
                            r.getObject(10, OffsetDateTime.class), r.getString(11)));
                }
            }
            c.rollback();
        }
        return out;
    }

    /** Per unit: alerts pending, sent and dropped, and the latest error of a pending one. */
    public record UnitCounts(String unit, long pending, long sent, long dropped, String lastError) {
    }

    public Map<String, UnitCounts> counts() throws SQLException {
        Map<String, UnitCounts> out = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT unit, SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'DROPPED' THEN 1 ELSE 0 END),"
                        + " MAX(CASE WHEN status = 'PENDING' THEN last_error END) FROM outbox GROUP BY unit ORDER BY unit")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new UnitCounts(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5)));
                }
            }
            c.rollback();
        }
        return out;
    }

    private int update(String sql, Object... values) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
            int n = s.executeUpdate();
            c.commit();
            return n;
        }
    }
}
