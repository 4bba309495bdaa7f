package org.lantian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The stored facts of some partition keys over a window, read from H2, whose index is led by type and week
 * ({@code V8__history_weeks}; H2 seeks an index by equality on its leading columns, and by an IN list on its first
 * column only). A few keys (a post's) are looked up one week at a time; many keys (a night's) are found in one scan of
 * the window's index entries, and their rows then read by row id. Either way each key's facts
 * come ordered by day, submission and place in it, the keys in order.
 */
final class H2Keyed {
    /** Up to this many look-ups (keys times weeks) a window is read one key and week at a time. */
    static final int LOOKUPS = 1_000;
    /** Rows read by id, sorted, and passed on at a time (whole keys, so at least this many). */
    private static final int IDS = 500;
    /** Weeks are counted from this Monday, as {@code fact_week} in H2. */
    private static final LocalDate MONDAY = LocalDate.of(1970, 1, 5);


    private H2Keyed() {
    }

    /** The week H2 stores with a fact of this day: whole weeks since 1970-01-05, truncated toward zero as H2 divides. */
    static long week(LocalDate day) {
        return (day.toEpochDay() - MONDAY.toEpochDay()) / 7;
    }

    static void read(Connection c, History.Window w, LocalDate asOf, Set<String> keys, Set<String> excluded,
                     Consumer<History.Stored> action) throws SQLException {
        read(c, w, asOf, keys, excluded, action, LOOKUPS);
    }

    /** As {@link #read(Connection, History.Window, LocalDate, Set, Set, Consumer)}, with up to {@code lookups} look-ups. */
    static void read(Connection c, History.Window w, LocalDate asOf, Set<String> keys, Set<String> excluded,
                     Consumer<History.Stored> action, int lookups) throws SQLException {
        long first = week(w.from());
        long last = week(w.to());
        // A night's keys (tens of thousands) are only looked up in the set: the few read one by one are read in order.
        if ((double) keys.size() * (last - first + 1) <= lookups) {
            byKeyAndWeek(c, w, asOf, new java.util.TreeSet<>(keys), first, last, excluded, action);
        } else {
            byScan(c, w, asOf, keys, first, last, excluded, action);
        }
    }

    private static void byKeyAndWeek(Connection c, History.Window w, LocalDate asOf, Set<String> keys, long first, long last,
                                     Set<String> excluded, Consumer<History.Stored> action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(History.COLUMNS + "WHERE fact_type = ? AND fact_week = ? AND partition_key = ?"
                + " AND fact_day >= ? AND fact_day <= ? AND recorded_on <= ? ORDER BY fact_day, submission, seq")) {
            s.setString(1, w.type());
            s.setObject(4, w.from());
            s.setObject(5, w.to());
            s.setObject(6, asOf);
            for (String key : keys) {
                s.setString(3, key);
                for (long week = first; week <= last; week++) {
                    s.setLong(2, week);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            History.Placed row = History.Placed.read(r, w.type());
                            if (!excluded.contains(row.stored().submission())) action.accept(row.stored());
                        }
                    }
                }
            }
        }
    }

    private static void byScan(Connection c, History.Window w, LocalDate asOf, Set<String> keys, long first, long last,
                               Set<String> excluded, Consumer<History.Stored> action) throws SQLException {
        // The index holds type, week, key, day and day recorded: the scan reads no row, only the index's pages.
        Map<String, List<Long>> ids = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT _ROWID_, partition_key FROM history USE INDEX (history_type_week_key)"
                + " WHERE fact_type = ? AND fact_week >= ? AND fact_week <= ? AND fact_day >= ? AND fact_day <= ? AND recorded_on <= ?")) {
            s.setString(1, w.type());
            s.setLong(2, first);
            s.setLong(3, last);
            s.setObject(4, w.from());
            s.setObject(5, w.to());
            s.setObject(6, asOf);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(2);
                    if (keys.contains(key)) ids.computeIfAbsent(key, k -> new ArrayList<>()).add(r.getLong(1));
                }
            }
        }
        // One look-up a row id (H2 scans the table for an IN list or an array of row ids).
        try (PreparedStatement s = c.prepareStatement(History.COLUMNS + "WHERE _ROWID_ = ?")) {
            List<Long> batch = new ArrayList<>();
            for (List<Long> ofKey : ids.values()) {
                batch.addAll(ofKey);
                if (batch.size() >= IDS) batch = fetch(s, w.type(), batch, excluded, action);
            }
            fetch(s, w.type(), batch, excluded, action);
        }
    }

    /** Reads the rows of whole keys by id, and passes them on by key, day, submission and place; returns an empty batch. */
    private static List<Long> fetch(PreparedStatement s, String type, List<Long> batch, Set<String> excluded,
                                    Consumer<History.Stored> action) throws SQLException {
        List<History.Placed> rows = new ArrayList<>(batch.size());
        batch.sort(null); // in the order the rows lie: neighbours share a page
        for (long id : batch) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) rows.add(History.Placed.read(r, type));
            }
        }
        rows.sort(History.Placed.BY_KEY);
        for (History.Placed row : rows) {
            if (!excluded.contains(row.stored().submission())) action.accept(row.stored());
        }
        return new ArrayList<>();
    }
}
