package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.facts.CleaningCampaign;
import org.lantian.domain.facts.Restaurant;
import org.lantian.domain.facts.RoadCleaning;
import org.lantian.pack.Period;

/** History on H2 and PostgreSQL: facts recorded once per submission, loaded for the periods an evaluation needs. */
class HistoryTest {
    static final LocalDate THU = LocalDate.of(2022, 6, 30);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static Fact road(String road, String date) throws Exception {
        return Json.MAPPER.readerFor(RoadCleaning.class).readValue("{\"road\":\"" + road + "\",\"date\":\"" + date + "\"}");
    }

    static Fact campaign(String town, String date) throws Exception {
        return Json.MAPPER.readerFor(CleaningCampaign.class).readValue("{\"town\":\"" + town + "\",\"date\":\"" + date + "\"}");
    }

    static History.Entry entry(Fact f) {
        return History.Entry.of(f, THU);
    }

    /** Every row of the history table, as text, in a fixed order. */
    static List<String> rows(Store store) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = store.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT submission, seq, fact_day, recorded_on, fact_type, subject, partition_key, fact "
                     + "FROM history ORDER BY submission, seq")) {
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 8; i++) row.append(r.getString(i)).append('|');
                out.add(row.toString());
            }
            c.rollback();
        }
        return out;
    }

    static final History.Periods WEEKS = (kind, day) -> org.lantian.pack.Periods.containing(kind, day, TestPacks.bundled().ledger());

    @Test
    void aWeeklyTypeNeedsItsWeekUpToTheDayAndTheWeeksOfTheDaysItTouches() {
        Map<String, String> kinds = Map.of("RoadCleaning", "week", "Restaurant", "quarter");
        List<History.Window> w = History.windows(kinds, WEEKS, THU, Map.of());
        assertEquals(List.of(new History.Window("Restaurant", LocalDate.of(2022, 4, 1), THU),
                new History.Window("RoadCleaning", LocalDate.of(2022, 6, 27), THU)), w);
        // A post on Monday that reports Saturday's flushes touches the week before as well.
        LocalDate monday = LocalDate.of(2022, 7, 4);
        List<History.Window> touched = History.windows(Map.of("RoadCleaning", "week"), WEEKS, monday,
                Map.of("RoadCleaning", List.of(LocalDate.of(2022, 7, 2), LocalDate.of(2022, 7, 9))));
        assertEquals(List.of(new History.Window("RoadCleaning", LocalDate.of(2022, 6, 27), monday)), touched);
    }

    @Test
    void aTypeWithSeveralKindsNeedsEachOnesPeriodJoinedWhereTheyMeet() {
        // In January 2023 the quarter and the pack's deadline period (2022) meet: 2022 Q4's cleanings are loaded too.
        LocalDate january = LocalDate.of(2023, 1, 10);
        assertEquals(List.of(new History.Window("PurifierCleaning", LocalDate.of(2022, 1, 1), january)),
                History.windows(Map.of("PurifierCleaning", "quarter, deadline"), WEEKS, january, Map.of()));
        // In 2022 the year lies within the deadline period, up to the day.
        assertEquals(List.of(new History.Window("TransportRecord", LocalDate.of(2022, 1, 1), THU)),
                History.windows(Map.of("TransportRecord", "year, deadline"), WEEKS, THU, Map.of()));
        // Periods apart stay apart, oldest first: nothing between them is loaded.
        assertEquals(List.of(new History.Window("RoadCleaning", LocalDate.of(2022, 1, 1), LocalDate.of(2022, 1, 31)),
                        new History.Window("RoadCleaning", LocalDate.of(2022, 6, 27), THU)),
                History.windows(Map.of("RoadCleaning", "week, 2022-01-01..2022-01-31"), WEEKS, THU, Map.of()));
    }

    @Test
    void aFactsDayIsItsDateOrTheDayItIsJudgedOn() throws Exception {
        assertEquals(LocalDate.of(2022, 6, 28), History.dayOf(road("R-1", "2022-06-28"), THU));
        assertEquals(THU, History.dayOf(Json.MAPPER.readerFor(RoadCleaning.class).readValue("{\"road\":\"R-1\"}"), THU));
        assertEquals(THU, History.dayOf(Json.MAPPER.readerFor(Restaurant.class).readValue("{\"id\":\"C-1\"}"), THU));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSubmissionIsRecordedOnceAndReadBackAsTheSameFacts(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            Fact r1 = road("R-1", "2022-06-28");
            Fact c1 = campaign("北街街道", "2022-06-29");
            assertTrue(store.history().record("S-1", THU, List.of(entry(r1), entry(c1))));
            List<String> once = rows(store);
            assertEquals(2, once.size());
            assertFalse(store.history().record("S-1", THU, List.of(entry(road("R-9", "2022-06-28")))));
            assertEquals(once, rows(store));
            assertEquals(Set.of("S-1"), store.history().recorded(List.of("S-1", "S-2")));

            List<History.Stored> loaded = load(store, History.windows(Map.of("RoadCleaning", "week", "CleaningCampaign", "week"),
                    WEEKS, THU, Map.of()), THU, null, Set.of());
            assertEquals(List.of(c1, r1), loaded.stream().map(History.Stored::fact).toList());
            assertEquals(CleaningCampaign.PARTITION, loaded.get(0).partitionKey());
            assertEquals("S-1", loaded.get(1).submission());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anEvaluationSeesItsPeriodUpToItsDayAndNothingRecordedLater(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            History h = store.history();
            h.record("S-sun", LocalDate.of(2022, 6, 26), List.of(entry(road("R-1", "2022-06-26")))); // the week before
            h.record("S-mon", LocalDate.of(2022, 6, 27), List.of(entry(road("R-1", "2022-06-27")), entry(road("R-2", "2022-06-27"))));
            h.record("S-wed", LocalDate.of(2022, 6, 29), List.of(entry(road("R-1", "2022-06-29"))));
            h.record("S-fri", LocalDate.of(2022, 7, 1), List.of(entry(road("R-1", "2022-07-01")))); // after Thursday
            // Recorded on Friday about Wednesday: a re-run of Thursday's night must not see it.
            h.record("S-late", LocalDate.of(2022, 7, 1), List.of(History.Entry.of(road("R-1", "2022-06-29"), LocalDate.of(2022, 7, 1))));
            // Another fact type, and a type the history map does not name.
            h.record("S-rest", THU, List.of(entry(Json.MAPPER.readerFor(Restaurant.class).readValue("{\"id\":\"C-1\"}"))));

            var windows = History.windows(Map.of("RoadCleaning", "week"), WEEKS, THU, Map.of());
            assertEquals(List.of("S-mon", "S-mon", "S-wed"), submissions(load(store, windows, THU, null, Set.of())));
            // What sizes the batch's partitions: the same facts, those recorded before the day only.
            assertEquals(3, h.count(windows, THU));
            assertEquals(2, h.count(windows, LocalDate.of(2022, 6, 29)));
            assertEquals(List.of("S-mon", "S-mon"), submissions(load(store, windows, THU, null, Set.of("S-wed"))));
            assertEquals(List.of("S-mon"), submissions(load(store, windows, THU, List.of("R-2", "R-x"), Set.of())));
            assertEquals(List.of(), load(store, windows, THU, List.of(), Set.of()));
            var sunday = History.windows(Map.of("RoadCleaning", "week"), WEEKS, LocalDate.of(2022, 7, 3), Map.of());
            assertEquals(List.of("S-mon", "S-mon", "S-late", "S-wed", "S-fri"),
                    submissions(load(store, sunday, LocalDate.of(2022, 7, 3), null, Set.of())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aDaysFactsComeBySubmissionAndPlaceWhateverTheOrderTheyWereRecordedIn(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            History h = store.history();
            // A night lays its rows down by type, day and key (History.Night), not by submission: S-c's come first.
            try (History.Night n = h.night(THU, List.of("S-a", "S-b", "S-c"))) {
                n.add("S-c", entry(road("R-1", "2022-06-29")));
                n.add("S-b", entry(road("R-2", "2022-06-29")));
                n.add("S-b", entry(road("R-1", "2022-06-29")));
                n.add("S-a", entry(road("R-3", "2022-06-29")));
                n.add("S-a", entry(road("R-1", "2022-06-28")));
                n.commit();
            }
            var windows = History.windows(Map.of("RoadCleaning", "week"), WEEKS, THU.plusDays(1), Map.of());
            List<String> expected = List.of("S-a/R-1/2022-06-28", "S-a/R-3/2022-06-29", "S-b/R-2/2022-06-29", "S-b/R-1/2022-06-29",
                    "S-c/R-1/2022-06-29");
            assertEquals(expected, placed(load(store, windows, THU.plusDays(1), null, Set.of())));
            // A night's keys: each key's facts by day, submission and place (the keys in any order: the batch sorts by key).
            List<String> keyed = placed(load(store, windows, THU.plusDays(1), List.of("R-1", "R-2"), Set.of()));
            assertEquals(List.of("S-a/R-1/2022-06-28", "S-b/R-1/2022-06-29", "S-c/R-1/2022-06-29"),
                    keyed.stream().filter(x -> x.contains("/R-1/")).toList());
            assertEquals(List.of("S-b/R-2/2022-06-29"), keyed.stream().filter(x -> x.contains("/R-2/")).toList());
            assertEquals(4, keyed.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aNightLoadsItsEverySubjectWindowsThenItsKeyedOnesWithTheKeysFound(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            History h = store.history();
            var ledger = TestPacks.bundled().ledger();
            var readers = org.lantian.engine.TypeReaders.measuresByType(TestPacks.bundled());
            String[] types = {"RoadCleaning", "CleaningCampaign", "PurifierCleaning", "TransportRecord", "UltraLowFiling", "TaskProgress"};
            String[] json = {"{\"road\":\"R-%d\",\"date\":\"%s\"}", "{\"town\":\"T-%d\",\"date\":\"%s\"}",
                    "{\"restaurant\":\"CY-%d\",\"date\":\"%s\"}", "{\"enterprise\":\"QY-%d\",\"year\":2022,\"date\":\"%s\"}",
                    "{\"enterprise\":\"QY-%d\",\"part\":\"STACK\",\"filedOn\":\"%s\"}", "{\"measure\":%d,\"completedOn\":\"%s\"}"};
            // Facts of every history type, of subjects 1 to 4, on days of the quarter and of the week, each day's
            // submissions recorded in an order other than their ids'.
            for (LocalDate day : List.of(LocalDate.of(2022, 4, 2), LocalDate.of(2022, 6, 27), LocalDate.of(2022, 6, 29))) {
                for (int n = 4; n >= 1; n--) {
                    List<History.Entry> facts = new ArrayList<>();
                    for (int t = 0; t < types.length; t++) {
                        Class<? extends Fact> type = org.lantian.input.FactTypes.byName(types[t]).orElseThrow();
                        facts.add(History.Entry.of(Json.MAPPER.readerFor(type).readValue(json[t].formatted(t == 5 ? 4 : n, day)), day));
                    }
                    h.record("S-" + day + "-" + n, day, facts);
                }
            }
            for (LocalDate asOf : List.of(THU, LocalDate.of(2022, 6, 29))) { // a quarter's end (every subject) and a Wednesday
                Set<String> keys = new java.util.HashSet<>(List.of("QY-2", "R-3", "CY-1", "measure-4"));
                List<History.Stored> atATime = new ArrayList<>();
                h.forEachOfNight(ledger, readers, asOf, keys, Set.of("S-2022-06-27-3"), atATime::add);
                // The same by hand, one window after another: the windows of every subject, then the keyed ones.
                Set<String> every = History.loadedForEverySubject(ledger, asOf, readers);
                List<History.Window> windows = History.windows(ledger, asOf, Map.of());
                Set<String> byHandKeys = new java.util.HashSet<>(List.of("QY-2", "R-3", "CY-1", "measure-4"));
                List<History.Stored> oneByOne = new ArrayList<>();
                for (History.Window w : windows) {
                    if (!every.contains(w.type())) continue;
                    h.forEach(List.of(w), asOf, null, Set.of("S-2022-06-27-3"), x -> {
                        if (x.partitionKey() != null) byHandKeys.add(x.partitionKey());
                        oneByOne.add(x);
                    });
                }
                for (History.Window w : windows) {
                    if (!every.contains(w.type())) h.forEach(List.of(w), asOf, byHandKeys, Set.of("S-2022-06-27-3"), oneByOne::add);
                }
                assertTrue(oneByOne.size() > 10, oneByOne.toString());
                assertEquals(oneByOne, atATime, "as of " + asOf);
                assertEquals(byHandKeys, keys);
            }
        }
    }

    static List<String> placed(List<History.Stored> loaded) {
        return loaded.stream().map(s -> s.submission() + "/" + s.subject()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aNightIsRecordedInOneTransactionAndARerunChangesNothing(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            History h = store.history();
            h.record("S-posted", THU, List.of(entry(road("R-1", "2022-06-30"))));
            List<String> posted = rows(store);
            try (History.Night n = h.night(THU, List.of("S-posted", "S-2", "night:2022-06-30"))) {
                assertTrue(n.recordedBefore("S-posted"));
                n.add("S-posted", entry(road("R-1", "2022-06-30"))); // skipped: recorded when it was posted
                n.add("S-2", entry(road("R-2", "2022-06-30")));
                n.add("night:2022-06-30", entry(road("R-3", "2022-06-30")));
                n.add("S-2", entry(campaign("南村镇", "2022-06-30")));
                assertEquals(3, n.added());
                // Not committed: nobody sees it, and closing records nothing.
                assertEquals(posted, rows(store));
            }
            assertEquals(posted, rows(store));
            for (int run = 0; run < 2; run++) {
                try (History.Night n = h.night(THU, List.of("S-2", "night:2022-06-30"))) {
                    n.add("S-2", entry(road("R-2", "2022-06-30")));
                    n.add("night:2022-06-30", entry(road("R-3", "2022-06-30")));
                    n.add("S-2", entry(campaign("南村镇", "2022-06-30")));
                    assertEquals(run == 0 ? 3 : 0, n.added());
                    n.commit();
                }
            }
            List<String> after = rows(store);
            assertEquals(4, after.size());
            assertTrue(after.contains("S-2|1|2022-06-30|2022-06-30|CleaningCampaign|南村镇/2022-06-30|cleaning-campaigns|"
                    + entry(campaign("南村镇", "2022-06-30")).json() + "|"), after.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aPostRecordsItsFactsWithTheSubmissionAndARepostRecordsNothing(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            var doc = StoreTest.sample("S-1");
            var n = StoreTest.evaluated(doc, OffsetDateTime.parse("2022-06-30T02:15:00Z"));
            List<History.Entry> facts = List.of(entry(road("R-017", "2022-06-30")));
            assertEquals(Submissions.Outcome.CREATED, store.submissions().insert(n, facts).outcome());
            List<String> once = rows(store);
            assertEquals(1, once.size());
            assertEquals(Submissions.Outcome.SAME, store.submissions().insert(n, facts).outcome());
            assertEquals(once, rows(store));
        }
    }

    static List<History.Stored> load(Store store, List<History.Window> windows, LocalDate asOf, List<String> keys,
                                     Set<String> excluded) throws Exception {
        List<History.Stored> out = new ArrayList<>();
        store.history().forEach(windows, asOf, keys, excluded, out::add);
        return out;
    }

    static List<String> submissions(List<History.Stored> loaded) {
        return loaded.stream().map(History.Stored::submission).toList();
    }
}
