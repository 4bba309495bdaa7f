package org.lantian.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * For {@code lantian-dev bench-history}: forgets what the nights from a day on recorded (history, the nightly
 * scores and failures, the cases they opened), so that a measured night records its facts again as the real
 * night does. Only for a store that bench-history filled: its fill records facts alone and opens no case, so
 * every case there was opened by a measured night.
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
                    "DELETE FROM night_failures WHERE night >= ?",
                    "DELETE FROM case_events WHERE case_id IN (SELECT id FROM cases WHERE opened_on >= ?)",
                    "DELETE FROM case_units WHERE case_id IN (SELECT id FROM cases WHERE opened_on >= ?)",
                    "DELETE FROM cases WHERE opened_on >= ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setObject(1, day);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
