package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The windows of a type with several period kinds ({@code year, deadline}) are joined where they overlap or meet:
 * whatever the periods, the windows cover exactly the days some period covers, oldest first, apart from each other,
 * so no stored fact is loaded twice and none a period needs is left out.
 */
class HistoryWindowsPropertyTest {
    static final LocalDate BASE = LocalDate.of(2022, 1, 1);

    @Property(tries = 2_000)
    void joinedWindowsCoverExactlyTheDaysOfThePeriods(@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 60) Integer> starts,
                                                        @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 20) Integer> lengths) {
        List<History.Window> spans = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            LocalDate from = BASE.plusDays(starts.get(i));
            spans.add(new History.Window("T", from, from.plusDays(lengths.get(i))));
        }
        List<History.Window> joined = History.merged(spans);
        for (int i = 1; i < joined.size(); i++) {
            assertTrue(joined.get(i).from().isAfter(joined.get(i - 1).to().plusDays(1)), "apart and in order: " + joined);
        }
        for (int d = 0; d <= 90; d++) {
            LocalDate day = BASE.plusDays(d);
            boolean needed = spans.stream().anyMatch(w -> !day.isBefore(w.from()) && !day.isAfter(w.to()));
            long covering = joined.stream().filter(w -> !day.isBefore(w.from()) && !day.isAfter(w.to())).count();
            assertEquals(needed ? 1 : 0, covering, day + " in " + spans + " -> " + joined);
        }
    }
}
