package org.lantian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * For {@code lantian-dev bench-history}: forgets the facts and nightly scores the nights from a day on recorded,
 * so that a measured night records its facts again as the real night does. The cases a measured night opened
 * stay: after a year of judged nights yesterday's FAILs have their cases, and a night opens cases for its new
 * FAILs only; a store that bench-history filled has none (its fill judges nothing), so the first run with
 * history opens a case for every FAIL, and the later runs move the cases as a night of a judged year does.
 */
public final class BenchNights {
    private BenchNights() {
    }

    public static void forgetFrom(Store store, LocalDate day) throws SQLException {
        try (Connection c = store.connection()) {
            for (String sql : List.of(
                    "DELETE FROM history WHERE recorded_on >= ?",
                    "DELETE FROM history_submissions WHERE recorded_on >= ?",
                    "DELETE FROM night_scores WHERE night >= ?",
                    "DELETE FROM night_failures WHERE night >= ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setObject(1, day);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
