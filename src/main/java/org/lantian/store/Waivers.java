package org.lantian.store;

import java.security.SecureRandom;
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
import java.util.List;
import java.util.Optional;
import org.lantian.domain.Waiver;

/**
 * Waivers (豁免) in the store: granted and revoked by admins, each change also a row of waiver_events (the audit
 * trail). A revoked waiver stays listed with who revoked it when; it covers nothing from then on.
 */
public final class Waivers {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, rule, measure, subject, town, valid_from, valid_to, reason, approver, document, "
            + "granted_by, granted_at, revoked_at, revoked_by";

    private final Store store;

    Waivers(Store store) {
        this.store = store;
    }

    /** What an admin grants: a rule or a measure, a subject or a town, from..to, reason, approver, document number. */
    public record Grant(String rule, Integer measure, String subject, String town, LocalDate from, LocalDate to, String reason,
                        String approver, String document) {
        /** What is wrong with it, or null: exactly one of rule and measure, one of subject and town, from <= to, the texts given. */
        public String problem() {
            if ((rule == null) == (measure == null)) return "give exactly one of rule and measure";
            if ((subject == null) == (town == null)) return "give exactly one of subject and town";
            if (from == null || to == null) return "give from and to (YYYY-MM-DD)";
            if (to.isBefore(from)) return "to (" + to + ") is before from (" + from + ")";
            if (blank(reason) || blank(approver) || blank(document)) return "give reason, approver and document";
            if (long200(rule) || long200(town) || long200(approver) || long200(document) || reason.length() > 2000
                    || subject != null && subject.length() > 1000) {
                return "rule, town, approver and document take at most 200 characters, subject 1000, reason 2000";
            }
            return null;
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static boolean long200(String s) {
            return s != null && s.length() > 200;
        }
    }

    /** Grants a waiver; its new id ("W-" and 12 hex digits). */
    public Waiver create(Grant g, String actor) throws SQLException {
        String problem = g.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String id = "W-" + HexFormat.of().formatHex(b);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection c = store.connection()) {
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO waivers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                    s.setString(1, id);
                    s.setString(2, g.rule());
                    s.setObject(3, g.measure());
                    s.setString(4, g.subject());
                    s.setString(5, g.town());
                    s.setObject(6, g.from());
                    s.setObject(7, g.to());
                    s.setString(8, g.reason());
                    s.setString(9, g.approver());
                    s.setString(10, g.document());
                    s.setString(11, actor);
                    s.setObject(12, now);
                    s.executeUpdate();
                }
                event(c, id, actor, "GRANTED", g.reason(), now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(id).orElseThrow();
    }

    /** Revokes a waiver; false when there is no such waiver or it is revoked already. */
    public boolean revoke(String id, String actor) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection c = store.connection()) {
            try {
                int n;
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE waivers SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")) {
                    s.setObject(1, now);
                    s.setString(2, actor);
                    s.setString(3, id);
                    n = s.executeUpdate();
                }
                if (n == 1) {
                    event(c, id, actor, "REVOKED", null, now);
                    // A case no longer shows a waiver that covers nothing.
                    try (PreparedStatement s = c.prepareStatement("UPDATE cases SET waiver = NULL WHERE waiver = ?")) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return n == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Waiver> find(String id) throws SQLException {
        List<Waiver> found = query(" WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every waiver, revoked ones included, oldest grant first. */
    public List<Waiver> list() throws SQLException {
        return query(" ORDER BY granted_at, id", null);
    }

    /**
     * The waivers not revoked that begin on or before a day, by id: what an evaluation as of that day applies (each
     * finding on its own day, {@link Waiver#covers}; a day of an earlier week judged again is waived as it was).
     */
    public List<Waiver> activeUpTo(LocalDate day) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM waivers WHERE revoked_at IS NULL AND valid_from <= ? ORDER BY id")) {
            s.setObject(1, day);
            List<Waiver> out = read(s);
            c.rollback();
            return out;
        }
    }

    /** The audit trail of a waiver: "GRANTED"/"REVOKED" with who and when, oldest first. */
    public record Event(OffsetDateTime at, String by, String action, String note) {
    }

    public List<Event> events(String id) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT at, actor, action, note FROM waiver_events WHERE waiver_id = ? ORDER BY id")) {
            s.setString(1, id);
            List<Event> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Event(r.getObject(1, LocalDateTime.class).atOffset(ZoneOffset.UTC), r.getString(2), r.getString(3),
                            r.getString(4)));
                }
            }
            c.rollback();
            return out;
        }
    }

    private List<Waiver> query(String where, String arg) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM waivers" + where)) {
            if (arg != null) s.setString(1, arg);
            List<Waiver> out = read(s);
            c.rollback();
            return out;
        }
    }

    private static List<Waiver> read(PreparedStatement s) throws SQLException {
        List<Waiver> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LocalDateTime revoked = r.getObject(13, LocalDateTime.class);
                out.add(new Waiver(r.getString(1), r.getString(2), (Integer) r.getObject(3, Integer.class), r.getString(4), r.getString(5),
                        r.getObject(6, LocalDate.class), r.getObject(7, LocalDate.class), r.getString(8), r.getString(9), r.getString(10),
                        r.getString(11), r.getObject(12, LocalDateTime.class).atOffset(ZoneOffset.UTC),
                        revoked == null ? null : revoked.atOffset(ZoneOffset.UTC), r.getString(14)));
            }
        }
        return out;
    }

    private static void event(Connection c, String id, String actor, String action, String note, LocalDateTime at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO waiver_events (waiver_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setObject(2, at);
            s.setString(3, actor);
            s.setString(4, action);
            s.setString(5, note);
            s.executeUpdate();
        }
    }
}
