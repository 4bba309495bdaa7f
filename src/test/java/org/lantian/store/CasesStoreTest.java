package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.domain.Case;
import org.lantian.domain.CaseEvent;
import org.lantian.domain.CaseStatus;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Status;
import org.lantian.pack.Rectification;

/** Cases moved by findings and verified, in the store on H2 and PostgreSQL: open, overdue, rectified, closed, repeat. */
class CasesStoreTest {
    static final Rectification TIMING = new Rectification(3, 90, null, "I", null);
    static final LocalDate D = LocalDate.of(2022, 6, 27);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static Finding finding(Status status, String submission) {
        return new Finding(13, "13-flush", "R-1", "RoadCleaning", status, 0, 1, List.of("东街街道", "区城市管理局"),
                new Message("中", "en"), "长期坚持", null, submission, null, List.of());
    }

    static void night(Store store, LocalDate day, Status status) throws Exception {
        store.cases().apply(new Cases.Moves(List.of(finding(status, "night:" + day)), day, TIMING, Cases.BATCH, null));
    }

    static Case only(Store store) throws Exception {
        List<Case> all = store.cases().list(Cases.Filter.ALL, 10, 0);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void walksACaseFromOpenToRepeat(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            night(store, D, Status.FAIL);
            Case k = only(store);
            assertEquals(CaseStatus.OPEN, k.status());
            assertEquals(D, k.openedOn());
            assertEquals(D.plusDays(3), k.dueOn());
            assertEquals(List.of("东街街道", "区城市管理局"), k.units());

            night(store, D.plusDays(3), Status.FAIL); // on the due day: still OPEN
            assertEquals(CaseStatus.OPEN, only(store).status());
            night(store, D.plusDays(4), Status.FAIL);
            assertEquals(CaseStatus.OVERDUE, only(store).status());
            night(store, D.plusDays(4), Status.FAIL); // the night again: nothing more
            night(store, D.plusDays(1), Status.PASS); // an older night again: stale
            assertEquals(CaseStatus.OVERDUE, only(store).status());
            night(store, D.plusDays(5), Status.PASS);
            assertEquals(CaseStatus.RECTIFIED, only(store).status());

            assertThrows(Cases.NotVerifiable.class, () -> store.cases().verify(k.id() + 1000, true, "x", "t1", "INSPECTOR")
                    .orElseThrow(() -> new Cases.NotVerifiable("none")));
            assertEquals(CaseStatus.CLOSED, store.cases().verify(k.id(), true, "checked on site", "t1", "INSPECTOR").orElseThrow().status());
            assertThrows(Cases.NotVerifiable.class, () -> store.cases().verify(k.id(), true, "again", "t1", "INSPECTOR"));

            night(store, D.plusDays(30), Status.FAIL);
            Case again = only(store);
            assertEquals(CaseStatus.OPEN, again.status());
            assertEquals(1, again.repeats());
            assertEquals(D.plusDays(33), again.dueOn());

            List<CaseEvent> events = store.cases().events(k.id());
            assertEquals(List.of("null>OPEN", "OPEN>OVERDUE", "OVERDUE>RECTIFIED", "RECTIFIED>CLOSED", "CLOSED>OPEN"),
                    events.stream().map(e -> e.from() + ">" + e.to()).toList());
            assertEquals("batch", events.get(0).by());
            assertEquals("night:" + D, events.get(0).submission());
            assertEquals("t1 (INSPECTOR)", events.get(3).by());
            assertNull(events.get(3).submission());
            assertEquals("checked on site", events.get(3).note());
        }
    }

    /** A road's daily-sweeps finding of {@code of}, judged on the night of {@code night}. */
    static void sweeps(Store store, LocalDate night, LocalDate of, Status status) throws Exception {
        Finding f = new Finding(13, "13-daily-sweeps", "R-1/" + of, "RoadCleaning", status, status == Status.PASS ? 3 : 1, 3,
                List.of("区城市管理局"), new Message("中", "en"), "长期坚持", new org.lantian.domain.Span(of, of), "night:" + night, null,
                List.of());
        store.cases().apply(new Cases.Moves(List.of(f), night, TIMING, Cases.BATCH, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLapseJudgedAgainAfterItsCaseClosedIsNoRepeat(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            sweeps(store, D, D, Status.FAIL);
            sweeps(store, D.plusDays(1), D.plusDays(1), Status.PASS);
            long id = only(store).id();
            store.cases().verify(id, true, "swept", "t1", "INSPECTOR"); // closed on the 28th, its latest finding day

            // A corrected report of the 27th, sent on 10 July: the lapse the case was closed on, judged again.
            sweeps(store, D.plusDays(13), D, Status.FAIL);
            Case k = only(store);
            assertEquals(CaseStatus.CLOSED, k.status());
            assertEquals(0, k.repeats());

            // A lapse of a day after the closing, within 90 days: a repeat.
            sweeps(store, D.plusDays(14), D.plusDays(14), Status.FAIL);
            Case again = only(store);
            assertEquals(CaseStatus.OPEN, again.status());
            assertEquals(1, again.repeats());
            assertEquals(List.of("null>OPEN", "OPEN>RECTIFIED", "RECTIFIED>CLOSED", "CLOSED>OPEN"),
                    store.cases().events(id).stream().map(e -> e.from() + ">" + e.to()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLapseFromBeforeARectificationLeavesItAwaitingVerification(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            sweeps(store, D, D, Status.FAIL);                            // the 27th: opened
            sweeps(store, D.plusDays(2), D.plusDays(2), Status.PASS);    // the 29th swept: rectified through the 29th

            // A late report of the 28th, sent on 1 July: a lapse from before the road was seen put right.
            sweeps(store, D.plusDays(4), D.plusDays(1), Status.FAIL);
            assertEquals(CaseStatus.RECTIFIED, only(store).status());

            // A corrected report of the 29th itself: the rectification it showed did not hold.
            sweeps(store, D.plusDays(5), D.plusDays(2), Status.FAIL);
            Case k = only(store);
            assertEquals(CaseStatus.OVERDUE, k.status()); // due on the 30th (three days), failing on 2 July
            assertEquals(List.of("null>OPEN", "OPEN>RECTIFIED", "RECTIFIED>OVERDUE"),
                    store.cases().events(k.id()).stream().map(e -> e.from() + ">" + e.to()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLapseAfterARectificationReopensIt(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            sweeps(store, D, D, Status.FAIL);
            sweeps(store, D.plusDays(1), D.plusDays(1), Status.PASS);    // rectified through the 28th
            sweeps(store, D.plusDays(2), D.plusDays(1), Status.PASS);    // the same day judged again: nothing new
            sweeps(store, D.plusDays(2), D.plusDays(2), Status.FAIL);    // the 29th unswept, judged on the 29th
            assertEquals(CaseStatus.OPEN, only(store).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aFailLongAfterClosingOpensANewCaseAndFiltersAreExact(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            night(store, D, Status.FAIL);
            night(store, D.plusDays(1), Status.PASS);
            long first = only(store).id();
            store.cases().verify(first, true, "ok", "t1", "ADMIN");
            night(store, D.plusDays(1 + 91), Status.FAIL);
            List<Case> all = store.cases().list(Cases.Filter.ALL, 10, 0);
            assertEquals(2, all.size());
            assertTrue(all.stream().allMatch(k -> k.repeats() == 0));
            assertEquals(1, store.cases().list(new Cases.Filter(null, CaseStatus.OPEN, null, null, null), 10, 0).size());
            assertEquals(2, store.cases().list(new Cases.Filter("东街街道", null, 13, "13-flush", "R-1"), 10, 0).size());
            assertEquals(0, store.cases().list(new Cases.Filter("%", null, null, null, null), 10, 0).size());
            assertEquals(0, store.cases().list(new Cases.Filter("东街", null, null, null, null), 10, 0).size());
            assertEquals(1, store.cases().list(Cases.Filter.ALL, 1, 1).size());
        }
    }
}
