package org.lantian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.lantian.domain.Case;
import org.lantian.domain.CaseEvent;
import org.lantian.domain.CaseFlow;
import org.lantian.domain.CaseStatus;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.pack.Rectification;

/**
 * Rectification cases in the store (docs/cases.md): findings move them ({@link #apply}, in the transaction that
 * records the findings: a post, a night, check --db), inspectors verify them, everyone reads them. Every change is
 * a row of case_events, never updated or deleted. The state machine itself is {@link CaseFlow}.
 */
public final class Cases {
    /** The actor of the nightly batch's events. */
    public static final String BATCH = "batch";
    /** The actor of {@code lantian check --db}'s events. */
    public static final String CHECK = "check";
    private static final String COLUMNS = "id, measure, rule, subject, status, opened_on, due_on, repeats, waiver";

    private final Store store;
    /**
     * One writer of cases at a time in this process: two posts failing the same (rule, subject) at once must not
     * both open a case. Held from reading a post's cases to its commit.
     */
    final ReentrantLock writing = new ReentrantLock();

    Cases(Store store) {
        this.store = store;
    }

    /** What to list: every filter an exact match, null for any. */
    public record Filter(String unit, CaseStatus status, Integer measure, String rule, String subject) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /**
     * Findings of one day to move cases with, by whom: {@code actor} "batch", "check" or a token id, {@code role} the
     * token's role (null otherwise). Each finding names its submission (the night's findings do; a post's are the post's).
     */
    public record Moves(List<Finding> findings, LocalDate day, Rectification timing, String actor, String role) {
    }

    /** Cases matching the filter, OVERDUE first, then by due day and id; at most {@code limit} from {@code offset}. */
    public List<Case> list(Filter f, int limit, int offset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cases WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.unit() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM case_units u WHERE u.case_id = cases.id AND u.unit = ?)");
            args.add(f.unit());
        }
        if (f.status() != null) add(sql, args, " AND status = ?", f.status().name());
        if (f.measure() != null) add(sql, args, " AND measure = ?", f.measure());
        if (f.rule() != null) add(sql, args, " AND rule = ?", f.rule());
        if (f.subject() != null) add(sql, args, " AND subject = ?", f.subject());
        sql.append(" ORDER BY CASE WHEN status = 'OVERDUE' THEN 0 ELSE 1 END, due_on, id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) s.setObject(i + 1, args.get(i));
            List<Case> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(read(r, null));
            }
            withUnits(c, out);
            c.rollback();
            return out;
        }
    }

    /** One case, or empty. */
    public Optional<Case> find(long id) throws SQLException {
        try (Connection c = store.connection()) {
            Optional<Case> out = find(c, id);
            c.rollback();
            return out;
        }
    }

    private static Optional<Case> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM cases WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                List<Case> one = new ArrayList<>(List.of(read(r, null)));
                withUnits(c, one);
                return Optional.of(one.get(0));
            }
        }
    }

    /** A case's events, oldest first. */
    public List<CaseEvent> events(long id) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT at, actor, role, from_status, to_status, note, submission FROM case_events WHERE case_id = ? ORDER BY id")) {
            s.setLong(1, id);
            List<CaseEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String actor = r.getString(2);
                    String role = r.getString(3);
                    out.add(new CaseEvent(r.getObject(1, LocalDateTime.class).atOffset(ZoneOffset.UTC),
                            role == null ? actor : actor + " (" + role + ")", status(r.getString(4)), CaseStatus.valueOf(r.getString(5)),
                            r.getString(6), r.getString(7)));
                }
            }
            c.rollback();
            return out;
        }
    }

    /** Why a verification was refused. */
    public static final class NotVerifiable extends Exception {
        public NotVerifiable(String message) {
            super(message);
        }
    }

    /**
     * An inspector's verification of a RECTIFIED case: CLOSED ({@code close}) or back to OPEN, with a note; one
     * event. Empty when there is no such case.
     *
     * @throws NotVerifiable when the case is not awaiting verification
     */
    public Optional<Case> verify(long id, boolean close, String note, String actor, String role) throws SQLException, NotVerifiable {
        writing.lock();
        try (Connection c = store.connection()) {
            try {
                Optional<Case> found = find(c, id);
                if (found.isEmpty()) {
                    c.rollback();
                    return found;
                }
                Case k = found.get();
                CaseFlow.Step step = CaseFlow.onVerify(k.status(), close);
                if (step == null) {
                    c.rollback();
                    throw new NotVerifiable("case " + id + " is " + k.status() + ": only a RECTIFIED case is verified");
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE cases SET status = ?, closed_on = CASE WHEN ? THEN last_day ELSE NULL END WHERE id = ?")) {
                    s.setString(1, step.to().name());
                    s.setBoolean(2, close);
                    s.setLong(3, id);
                    s.executeUpdate();
                }
                event(c, id, actor, role, step.from(), step.to(), note, null, null);
                c.commit();
                return find(id);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            writing.unlock();
        }
    }

    /** Moves cases with a day's findings in its own transaction (check --db). */
    public void apply(Moves moves) throws SQLException {
        writing.lock();
        try (Connection c = store.connection()) {
            try {
                apply(c, moves);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * The (rule, subject) keys a PASS or WAIVED finding of {@code day} can move: those of cases not closed, or closed
     * within the repeat window. The batch keeps only the findings of these besides its FAILs.
     */
    public Set<String> keys(LocalDate day, int repeatWithinDays) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT rule, subject FROM cases WHERE status <> 'CLOSED' OR closed_on >= ?")) {
            s.setObject(1, day.minusDays(repeatWithinDays));
            Set<String> out = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(key(r.getString(1), r.getString(2)));
            }
            c.rollback();
            return out;
        }
    }

    /** A period label at the end of a finding's subject, from its last slash on: "/2022-06-30", "/2022-W26", "/2022-06", "/2022-Q2", "/2022". */
    private static final java.util.regex.Pattern PERIOD = java.util.regex.Pattern.compile("/\\d{4}(-\\d{2}(-\\d{2})?|-W\\d{2}|-Q[1-4])?");

    /**
     * The subject of a finding's case: the subject without the period it was judged over ("R-017/2022-06-30" is road
     * R-017's case), so that a later day's or week's finding of the same road moves the same case.
     */
    public static String subjectOf(String findingSubject) {
        if (findingSubject == null) return null;
        int slash = findingSubject.lastIndexOf('/'); // only the last segment can be the period (a night asks per finding)
        if (slash <= 0) return findingSubject;
        java.util.regex.Matcher m = PERIOD.matcher(findingSubject).region(slash, findingSubject.length());
        return m.matches() ? findingSubject.substring(0, slash) : findingSubject;
    }

    /** How a finding is known in {@link #keys}. */
    public static String key(String rule, String subject) {
        return rule + '\u0000' + subject;
    }

    /** True when a finding may move a case: a FAIL, or a PASS or WAIVED finding of a key in {@code keys}. */
    public static boolean concerns(Finding f, Set<String> keys) {
        return f.subject() != null && (f.status() == Status.FAIL
                || (f.status() == Status.PASS || f.status() == Status.WAIVED) && keys.contains(key(f.rule(), subjectOf(f.subject()))));
    }

    /**
     * Moves the cases of a day's findings on a connection, without committing: the caller's transaction records
     * the findings too. Findings in order; those that move nothing write nothing.
     */
    static void apply(Connection c, Moves m) throws SQLException {
        apply(c, m, null);
    }

    /**
     * As {@link #apply(Connection, Moves)}, the cases a finding may move looked up in {@code known} (key -> latest
     * case, kept up to date here) instead of one query per finding: a night's many findings.
     */
    private static void apply(Connection c, Moves m, Map<String, Latest> known) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Finding f : latest(m.findings())) apply(c, m, f, now, known);
    }

    /**
     * A night's moves on one connection: the cases a finding of the night may move (not closed, or closed within the
     * repeat window) are read once, when it starts, and kept up to date in memory.
     */
    public static final class Night {
        private final Connection c;
        private final Map<String, Latest> known = new java.util.HashMap<>();

        Night(Connection c, LocalDate day, int repeatWithinDays) throws SQLException {
            this.c = c;
            try (PreparedStatement s = c.prepareStatement("SELECT id, status, due_on, last_day, closed_on, waiver, rectified_through, rule, subject "
                    + "FROM cases WHERE status <> 'CLOSED' OR closed_on >= ? ORDER BY id")) {
                s.setObject(1, day.minusDays(repeatWithinDays));
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) known.put(key(r.getString(8), r.getString(9)), latest(r));
                }
            }
        }

        public void apply(Moves m) throws SQLException {
            Cases.apply(c, m, known);
        }
    }

    /**
     * Of the findings that may move a case, the latest of each case: a post or night may judge several periods of one
     * subject ("CY-1/2022-Q2", the quarter just ended, beside "CY-1/2022-Q3"); the case goes by the latest period,
     * judged on the evaluation's day. In the order they came.
     */
    static List<Finding> latest(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.subject() == null || f.status() != Status.FAIL && f.status() != Status.PASS && f.status() != Status.WAIVED) continue;
            out.merge(key(f.rule(), subjectOf(f.subject())), f, (a, b) -> end(b).isBefore(end(a)) ? a : b);
        }
        return List.copyOf(out.values());
    }

    private static LocalDate end(Finding f) {
        return f.period() == null || f.period().to() == null ? LocalDate.MAX : f.period().to();
    }

    private record Latest(long id, CaseFlow.State state, String waiver) {
    }

    private static void apply(Connection c, Moves m, Finding f, OffsetDateTime now, Map<String, Latest> known) throws SQLException {
        String key = key(f.rule(), subjectOf(f.subject()));
        Latest latest = known != null ? known.get(key) : latest(c, f.rule(), subjectOf(f.subject()));
        LocalDate periodEnd = f.period() == null ? null : f.period().to();
        CaseFlow.Step step = CaseFlow.onFinding(latest == null ? null : latest.state(), f.status(), m.day(), periodEnd,
                m.timing().repeatWithinDays());
        if (step == null) return;
        String waiver = f.status() == Status.WAIVED ? f.waiver() : null;
        if (step.opens()) {
            long id = open(c, f, m.day(), m.timing().dueOn(f.measure(), m.day()));
            if (known != null) {
                known.put(key, new Latest(id, new CaseFlow.State(CaseStatus.OPEN, m.timing().dueOn(f.measure(), m.day()), m.day(), null), null));
            }
            event(c, id, m.actor(), m.role(), null, CaseStatus.OPEN, "FAIL on " + m.day() + ": opened, due "
                    + m.timing().dueOn(f.measure(), m.day()), f.submission(), m.day());
            return;
        }
        long id = latest.id();
        if (!step.moves()) {
            // The finding confirms the status: nothing to write, unless the case starts or stops showing a waiver.
            if (java.util.Objects.equals(waiver, latest.waiver())) return;
            try (PreparedStatement s = c.prepareStatement("UPDATE cases SET last_day = ?, waiver = ? WHERE id = ?")) {
                s.setObject(1, m.day());
                s.setString(2, waiver);
                s.setLong(3, id);
                s.executeUpdate();
            }
            if (known != null) known.put(key, new Latest(id, withDay(latest.state(), m.day()), waiver));
            return;
        }
        LocalDate due = step.repeat() ? m.timing().dueOn(f.measure(), m.day()) : latest.state().dueOn();
        LocalDate rectifiedThrough = step.to() == CaseStatus.RECTIFIED ? CaseFlow.rectifiedThrough(m.day(), periodEnd) : null;
        String note;
        if (step.repeat()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE cases SET status = 'OPEN', due_on = ?, repeats = repeats + 1, "
                    + "last_day = ?, closed_on = NULL, waiver = NULL WHERE id = ?")) {
                s.setObject(1, due);
                s.setObject(2, m.day());
                s.setLong(3, id);
                s.executeUpdate();
            }
            replaceUnits(c, id, f.units());
            note = "FAIL on " + m.day() + " within " + m.timing().repeatWithinDays() + " days of closing: reopened as a repeat, due " + due;
        } else {
            try (PreparedStatement s = c.prepareStatement("UPDATE cases SET status = ?, last_day = ?, waiver = NULL, "
                    + "rectified_through = ? WHERE id = ?")) {
                s.setString(1, step.to().name());
                s.setObject(2, m.day());
                s.setObject(3, rectifiedThrough);
                s.setLong(4, id);
                s.executeUpdate();
            }
            note = switch (step.to()) {
                case OVERDUE -> "still FAIL on " + m.day() + ", after the due day " + latest.state().dueOn();
                case RECTIFIED -> "PASS on " + m.day() + ": rectified, awaiting verification";
                default -> "FAIL again on " + m.day() + " before verification";
            };
        }
        event(c, id, m.actor(), m.role(), step.from(), step.to(), note, f.submission(), m.day());
        if (known != null) known.put(key, new Latest(id, new CaseFlow.State(step.to(), due, m.day(), null, rectifiedThrough), null));
    }

    private static CaseFlow.State withDay(CaseFlow.State s, LocalDate day) {
        return new CaseFlow.State(s.status(), s.dueOn(), day.isAfter(s.lastDay()) ? day : s.lastDay(), s.closedOn(), s.rectifiedThrough());
    }

    private static Latest latest(Connection c, String rule, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, status, due_on, last_day, closed_on, waiver, rectified_through FROM cases "
                + "WHERE rule = ? AND subject = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, rule);
            s.setString(2, subject);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? latest(r) : null;
            }
        }
    }

    private static Latest latest(ResultSet r) throws SQLException {
        return new Latest(r.getLong(1), new CaseFlow.State(CaseStatus.valueOf(r.getString(2)), r.getObject(3, LocalDate.class),
                r.getObject(4, LocalDate.class), r.getObject(5, LocalDate.class), r.getObject(7, LocalDate.class)), r.getString(6));
    }

    private static long open(Connection c, Finding f, LocalDate day, LocalDate due) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cases (measure, rule, subject, status, opened_on, due_on, repeats, "
                + "last_day) VALUES (?, ?, ?, 'OPEN', ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setInt(1, f.measure());
            s.setString(2, f.rule());
            s.setString(3, subjectOf(f.subject()));
            s.setObject(4, day);
            s.setObject(5, due);
            s.setObject(6, day);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        replaceUnits(c, id, f.units());
        return id;
    }

    private static void replaceUnits(Connection c, long id, List<String> units) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM case_units WHERE case_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        if (units == null || units.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_units (case_id, unit) VALUES (?, ?)")) {
            for (String unit : new LinkedHashSet<>(units)) {
                s.setLong(1, id);
                s.setString(2, unit);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void event(Connection c, long id, String actor, String role, CaseStatus from, CaseStatus to, String note,
                              String submission, LocalDate findingDay) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_events (case_id, at, actor, role, from_status, to_status, "
                + "note, submission, finding_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
            s.setString(3, actor);
            s.setString(4, role);
            s.setString(5, from == null ? null : from.name());
            s.setString(6, to.name());
            s.setString(7, note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note);
            s.setString(8, submission);
            s.setObject(9, findingDay);
            s.executeUpdate();
        }
    }

    private static void withUnits(Connection c, List<Case> cases) throws SQLException {
        if (cases.isEmpty()) return;
        Map<Long, List<String>> units = new LinkedHashMap<>();
        for (Case k : cases) units.put(k.id(), new ArrayList<>());
        String marks = String.join(", ", java.util.Collections.nCopies(cases.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT case_id, unit FROM case_units WHERE case_id IN (" + marks + ") ORDER BY case_id, unit")) {
            int i = 1;
            for (Case k : cases) s.setLong(i++, k.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) units.get(r.getLong(1)).add(r.getString(2));
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            cases.set(i, new Case(k.id(), k.measure(), k.rule(), k.subject(), k.status(), k.openedOn(), k.dueOn(),
                    List.copyOf(units.get(k.id())), k.repeats(), k.waiver()));
        }
    }

    private static Case read(ResultSet r, List<String> units) throws SQLException {
        return new Case(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), CaseStatus.valueOf(r.getString(5)),
                r.getObject(6, LocalDate.class), r.getObject(7, LocalDate.class), units == null ? List.of() : units, r.getInt(8),
                r.getString(9));
    }

    private static CaseStatus status(String s) {
        return s == null ? null : CaseStatus.valueOf(s);
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }
}
