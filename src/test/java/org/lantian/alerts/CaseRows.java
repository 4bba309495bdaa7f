package org.lantian.alerts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Cases and case events written straight into the store's V5 tables, as the cases code writes them (TEAM.md's
 * contract): what evidence and alerts read, without running nights to get there.
 */
public final class CaseRows implements AutoCloseable {
    private final Connection c;

    public CaseRows(String url) throws SQLException {
        // The store's pool holds an H2 file open with AUTO_SERVER; a second connection must say the same.
        this.c = DriverManager.getConnection(url.startsWith("jdbc:h2:file:") && !url.toUpperCase().contains("AUTO_SERVER")
                ? url + ";AUTO_SERVER=TRUE" : url);
        c.setAutoCommit(true);
    }

    /** Opens a case (status OPEN) with an opening event, and returns its id. */
    public long open(int measure, String rule, String subject, LocalDate openedOn, LocalDate dueOn, String... units) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cases (measure, rule, subject, status, opened_on, due_on, repeats, last_day)"
                + " VALUES (?, ?, ?, 'OPEN', ?, ?, 0, ?)", new String[] {"id"})) {
            s.setInt(1, measure);
            s.setString(2, rule);
            s.setString(3, subject);
            s.setObject(4, openedOn);
            s.setObject(5, dueOn);
            s.setObject(6, openedOn);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        for (String u : units) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO case_units (case_id, unit) VALUES (?, ?)")) {
                s.setLong(1, id);
                s.setString(2, u);
                s.executeUpdate();
            }
        }
        event(id, null, "OPEN");
        return id;
    }

    /** Moves a case from its status to another with an event (a repeat, CLOSED to OPEN, also counts the repeat). */
    public long move(long caseId, String to) throws SQLException {
        String from;
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM cases WHERE id = ?")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                from = r.getString(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE cases SET status = ?, repeats = repeats + ? WHERE id = ?")) {
            s.setString(1, to);
            s.setInt(2, "CLOSED".equals(from) && "OPEN".equals(to) ? 1 : 0);
            s.setLong(3, caseId);
            s.executeUpdate();
        }
        return event(caseId, from, to);
    }

    private long event(long caseId, String from, String to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_events (case_id, at, actor, role, from_status, to_status, note)"
                + " VALUES (?, ?, 'batch', NULL, ?, ?, 'test')", new String[] {"id"})) {
            s.setLong(1, caseId);
            s.setObject(2, LocalDateTime.now(java.time.ZoneOffset.UTC));
            s.setString(3, from);
            s.setString(4, to);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** The case's events as "from>to:note", oldest first. */
    public java.util.List<String> events(long caseId) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT from_status, to_status, note, actor, role FROM case_events WHERE case_id = ? ORDER BY id")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(r.getString(1) + ">" + r.getString(2) + ":" + r.getString(3) + ":" + r.getString(4) + ":" + r.getString(5));
            }
        }
        return out;
    }

    public long firstCase() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(id) FROM cases"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    public long lastEvent(long caseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM case_events WHERE case_id = ?")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
