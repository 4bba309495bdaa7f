package org.lantian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The nightly scorecards kept by the batch (written with its history, {@link History.Night}): counts per night,
 * responsible unit and measure, and the night's FAIL findings by subject. Trends and bulletins read them.
 */
public final class Scores {
    /** A unit's counts over all measures have measure {@link #ALL_MEASURES}; a measure's over all units unit {@link #ALL_UNITS}. */
    public static final int ALL_MEASURES = 0;
    public static final String ALL_UNITS = "*";

    private final Store store;

    Scores(Store store) {
        this.store = store;
    }

    /** Findings judged (all but NOT_APPLICABLE and WAIVED), passed and failed, and WAIVED apart. */
    public record Score(String unit, int measure, long judged, long passed, long failed, long waived) {
        public Score(String unit, int measure, long judged, long passed, long failed) {
            this(unit, measure, judged, passed, failed, 0);
        }

        /** FAIL over findings judged, or null when none was judged. */
        public Double failShare() {
            return judged == 0 ? null : (double) failed / judged;
        }
    }

    /** One night's score. */
    public record Nightly(LocalDate night, Score score) {
    }

    /** A subject that failed a measure on several nights. */
    public record Repeat(int measure, String subject, List<String> units, int nights) {
    }

    /** The scores of the nights from..to (both included), by night, unit and measure. */
    public List<Nightly> between(LocalDate from, LocalDate to) throws SQLException {
        List<Nightly> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT night, unit, measure, judged, passed, failed, waived FROM night_scores WHERE night >= ? AND night <= ?"
                        + " ORDER BY night, unit, measure")) {
            s.setObject(1, from);
            s.setObject(2, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Nightly(r.getObject(1, LocalDate.class),
                            new Score(r.getString(2), r.getInt(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7))));
                }
            }
            c.rollback();
        }
        return out;
    }

    /**
     * Subjects with a FAIL finding of the same measure on at least {@code min} nights of from..to, most nights
     * first (then by measure and subject), at most {@code limit}.
     */
    public List<Repeat> repeated(LocalDate from, LocalDate to, int min, int limit) throws SQLException {
        List<Repeat> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT measure, subject, MAX(units), COUNT(DISTINCT night) AS nights FROM night_failures"
                        + " WHERE night >= ? AND night <= ? GROUP BY measure, subject HAVING COUNT(DISTINCT night) >= ?"
                        + " ORDER BY nights DESC, measure, subject LIMIT ?")) {
            s.setObject(1, from);
            s.setObject(2, to);
            s.setInt(3, min);
            s.setInt(4, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String units = r.getString(3);
                    out.add(new Repeat(r.getInt(1), r.getString(2),
                            units == null || units.length() <= 2 ? List.of() : List.of(units.substring(1, units.length() - 1).split("\\|")),
                            r.getInt(4)));
                }
            }
            c.rollback();
        }
        return out;
    }
}
