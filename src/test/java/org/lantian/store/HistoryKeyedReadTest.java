package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A subject's stored facts over a window, read by partition key: on H2 one look-up a key and week (a post's few keys)
 * or one scan of the window's index and then rows by id (a night's many keys), on PostgreSQL the keys as an array.
 * Over random windows, key sets, days recorded and excluded submissions, every way returns exactly the facts of those
 * keys, days and days recorded, each key's ordered by day, submission and place in it.
 */
class HistoryKeyedReadTest {
    static final LocalDate START = LocalDate.of(2021, 12, 20);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** A recorded fact as the test knows it. */
    record Known(String submission, int seq, LocalDate recordedOn, History.Entry entry) {
        String line() {
            return entry.partitionKey() + "|" + entry.day() + "|" + submission + "|" + entry.json();
        }
    }

    static String line(History.Stored s) {
        return s.partitionKey() + "|" + s.day() + "|" + s.submission() + "|" + s.json();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyWayReadsExactlyTheKeysFactsOfTheWindowInOrder(String kind) throws Exception {
        Random random = new Random(7);
        List<Known> known = new ArrayList<>();
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp), 2)) {
            History h = store.history();
            for (int n = 0; n < 80; n++) {
                String submission = "S-" + (1000 + random.nextInt(9000)) + "-" + n;
                LocalDate recordedOn = START.plusDays(random.nextInt(220));
                List<History.Entry> entries = new ArrayList<>();
                for (int i = 0, size = 1 + random.nextInt(25); i < size; i++) {
                    String key = random.nextInt(10) == 0 ? null : "R-" + random.nextInt(40);
                    String type = random.nextInt(4) == 0 ? "CleaningCampaign" : "RoadCleaning";
                    LocalDate day = recordedOn.minusDays(random.nextInt(30));
                    History.Entry e = new History.Entry(type, key, key, day, "{\"n\":\"" + submission + "/" + i + "\"}");
                    entries.add(e);
                    known.add(new Known(submission, i, recordedOn, e));
                }
                assertTrue(h.record(submission, recordedOn, entries));
            }
            int nonEmpty = 0;
            for (int q = 0; q < 150; q++) {
                LocalDate from = START.plusDays(random.nextInt(200));
                LocalDate to = from.plusDays(random.nextInt(120));
                LocalDate asOf = to.plusDays(random.nextInt(3) == 0 ? 0 : random.nextInt(40));
                History.Window w = new History.Window("RoadCleaning", from, to);
                Set<String> keys = new TreeSet<>();
                for (int i = 0, size = 1 + random.nextInt(random.nextBoolean() ? 3 : 40); i < size; i++) keys.add("R-" + random.nextInt(45));
                Set<String> excluded = new HashSet<>();
                if (random.nextBoolean()) excluded.add(known.get(random.nextInt(known.size())).submission());

                List<String> expected = known.stream()
                        .filter(k -> k.entry().type().equals(w.type()) && k.entry().partitionKey() != null && keys.contains(k.entry().partitionKey()))
                        .filter(k -> !k.entry().day().isBefore(from) && !k.entry().day().isAfter(to) && !k.recordedOn().isAfter(asOf))
                        .filter(k -> !excluded.contains(k.submission()))
                        .sorted(Comparator.comparing((Known k) -> k.entry().partitionKey()).thenComparing(k -> k.entry().day())
                                .thenComparing(Known::submission).thenComparingInt(Known::seq))
                        .map(Known::line).toList();
                if (!expected.isEmpty()) nonEmpty++;

                List<String> read = new ArrayList<>();
                h.forEach(List.of(w), asOf, keys, excluded, s -> read.add(line(s)));
                List<String> byKey = new ArrayList<>(read);
                byKey.sort(Comparator.comparing(s -> s.substring(0, s.indexOf('|')))); // stable: each key's order kept
                assertEquals(expected, byKey, kind + " " + w + " as of " + asOf + " keys " + keys);
                if (kind.equals("h2")) {
                    assertEquals(expected, read, "keys in order");
                    for (int lookups : new int[] {0, Integer.MAX_VALUE}) { // the scan, then one look-up a key and week
                        List<String> way = new ArrayList<>();
                        try (Connection c = store.connection()) {
                            H2Keyed.read(c, w, asOf, new HashSet<>(keys), excluded, s -> way.add(line(s)), lookups); // in no order
                            c.rollback();
                        }
                        assertEquals(expected, way, "lookups " + lookups + ": " + w + " as of " + asOf + " keys " + keys);
                    }
                }
            }
            assertTrue(nonEmpty > 50, "most windows hold facts of their keys: " + nonEmpty);
        }
    }

    @Test
    void weeksAreCountedFromAMondayAsH2CountsThem() {
        assertEquals(0, H2Keyed.week(LocalDate.of(1970, 1, 5)));
        assertEquals(0, H2Keyed.week(LocalDate.of(1970, 1, 11)));
        assertEquals(1, H2Keyed.week(LocalDate.of(1970, 1, 12)));
        assertEquals(H2Keyed.week(LocalDate.of(2022, 6, 27)), H2Keyed.week(LocalDate.of(2022, 7, 3)), "an ISO week, Monday to Sunday");
        assertEquals(H2Keyed.week(LocalDate.of(2022, 6, 27)) + 1, H2Keyed.week(LocalDate.of(2022, 7, 4)));
    }
}
