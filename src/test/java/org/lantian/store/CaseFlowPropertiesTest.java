package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.lantian.domain.Case;
import org.lantian.domain.CaseEvent;
import org.lantian.domain.CaseFlow;
import org.lantian.domain.CaseStatus;
import org.lantian.domain.Status;

/**
 * Any sequence of findings (any status, days going forward, back or staying) and verifications gives a case path
 * along the state machine's edges only, and events that are only ever appended: the pure {@link CaseFlow} and the
 * store's {@link Cases} (H2) alike.
 */
class CaseFlowPropertiesTest {
    /** The edges of docs/cases.md: "null>OPEN" opens a case. */
    static final Set<String> EDGES = Set.of("null>OPEN", "OPEN>OVERDUE", "OPEN>RECTIFIED", "OVERDUE>RECTIFIED", "RECTIFIED>OPEN",
            "RECTIFIED>OVERDUE", "RECTIFIED>CLOSED", "CLOSED>OPEN");
    static final LocalDate START = LocalDate.of(2022, 3, 1);

    /**
     * One thing that happens to a (rule, subject): a finding on a day offset from the last over a period that ended
     * {@code periodAgo} days before it (after it, when negative: a week judged before its Sunday), or a verification.
     */
    record Act(Status finding, int dayStep, int periodAgo, Boolean verifyClose) {
    }

    @Provide
    Arbitrary<List<Act>> acts() {
        Arbitrary<Act> finding = Combinators.combine(Arbitraries.of(Status.values()), Arbitraries.integers().between(-3, 40),
                        Arbitraries.integers().between(-10, 60))
                .as((s, d, ago) -> new Act(s, d, ago, null));
        Arbitrary<Act> verify = Arbitraries.of(true, false).map(b -> new Act(null, 0, 0, b));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, finding), net.jqwik.api.Tuple.of(1, verify)).list().ofMaxSize(40);
    }

    @Property(tries = 3000)
    void everyPathFollowsTheEdges(@ForAll("acts") List<Act> acts) {
        CaseFlow.State state = null;
        LocalDate day = START;
        int repeats = 0;
        for (Act a : acts) {
            CaseFlow.Step step;
            LocalDate periodEnd = null;
            if (a.verifyClose() != null) {
                step = state == null ? null : CaseFlow.onVerify(state.status(), a.verifyClose());
                if (step != null) assertEquals(CaseStatus.RECTIFIED, state.status());
            } else {
                day = day.plusDays(a.dayStep());
                periodEnd = day.minusDays(a.periodAgo());
                step = CaseFlow.onFinding(state, a.finding(), day, periodEnd, 90);
                if (state != null && day.isBefore(state.lastDay())) assertEquals(null, step, "a stale day moves nothing");
                if (a.finding() == Status.FAIL && state != null && state.status() == CaseStatus.CLOSED
                        && periodEnd.isBefore(state.closedOn())) {
                    assertEquals(null, step, "a lapse over a period that ended before its case was closed reopens nothing");
                }
                if (a.finding() == Status.FAIL && state != null && state.status() == CaseStatus.RECTIFIED
                        && !day.isBefore(state.lastDay())) {
                    boolean before = periodEnd.isBefore(state.rectifiedThrough());
                    assertEquals(before, step == null, "a lapse from before the case was seen put right, and only such a lapse, "
                            + "leaves it RECTIFIED: " + state + " " + a);
                }
                if (step != null && step.moves() && !step.opens()) {
                    assertTrue(a.finding() == Status.FAIL || a.finding() == Status.PASS, "only FAIL and PASS move a case: " + a);
                }
            }
            if (step == null) continue;
            if (step.opens()) {
                assertEquals(Status.FAIL, a.finding(), "only a FAIL opens a case");
                state = new CaseFlow.State(CaseStatus.OPEN, day.plusDays(5), day, null);
                repeats = 0;
                continue;
            }
            assertEquals(state.status(), step.from());
            if (step.moves()) assertTrue(EDGES.contains(step.from() + ">" + step.to()), step.toString());
            if (step.repeat()) {
                assertEquals(CaseStatus.CLOSED, step.from());
                repeats++;
            }
            LocalDate last = a.verifyClose() != null ? state.lastDay() : day;
            LocalDate due = step.repeat() ? day.plusDays(5) : state.dueOn();
            if (step.to() == CaseStatus.OVERDUE) assertTrue(day.isAfter(state.dueOn()), "OVERDUE only after the due day");
            LocalDate through = step.to() != CaseStatus.RECTIFIED ? null
                    : step.moves() ? CaseFlow.rectifiedThrough(day, periodEnd) : state.rectifiedThrough();
            state = new CaseFlow.State(step.to(), due, last, step.to() == CaseStatus.CLOSED ? last : null, through);
        }
        assertTrue(repeats >= 0);
    }

    static Path dir;
    static Store store;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("lantian-caseflow");
        store = Store.open("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath());
    }

    @AfterContainer
    static void close() throws Exception {
        store.close();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Property(tries = 60)
    void theStoreAppendsEventsAlongTheEdges(@ForAll("acts") List<Act> acts) throws Exception {
        String subject = "R-" + System.nanoTime(); // a subject of its own in the shared store
        LocalDate day = START;
        List<String> seen = new ArrayList<>();
        for (Act a : acts) {
            List<Case> cases = store.cases().list(new Cases.Filter(null, null, null, "13-flush", subject), 100, 0);
            if (a.verifyClose() != null) {
                if (cases.isEmpty()) continue;
                try {
                    store.cases().verify(cases.get(cases.size() - 1).id(), a.verifyClose(), "v", "t", "INSPECTOR");
                } catch (Cases.NotVerifiable e) {
                    assertTrue(cases.stream().noneMatch(k -> k.status() == CaseStatus.RECTIFIED && k.id() == cases.get(cases.size() - 1).id()));
                }
            } else {
                day = day.plusDays(a.dayStep());
                var f = CasesStoreTest.finding(a.finding(), "S-" + day);
                f = new org.lantian.domain.Finding(f.measure(), f.rule(), subject + "/" + day, f.subjectType(), f.status(), f.observed(),
                        f.target(), f.units(), f.message(), f.deadline(), null, f.submission(), a.finding() == Status.WAIVED ? "W-1" : null,
                        f.evidence());
                store.cases().apply(new Cases.Moves(List.of(f), day, CasesStoreTest.TIMING, Cases.BATCH, null));
            }
            // Every case's events: the earlier ones unchanged, each along an edge, the last one the case's status.
            List<String> now = new ArrayList<>();
            for (Case k : store.cases().list(new Cases.Filter(null, null, null, "13-flush", subject), 100, 0)) {
                List<CaseEvent> events = store.cases().events(k.id());
                assertEquals(k.status(), events.get(events.size() - 1).to());
                assertEquals(null, events.get(0).from());
                for (int i = 0; i < events.size(); i++) {
                    CaseEvent e = events.get(i);
                    assertTrue(EDGES.contains(e.from() + ">" + e.to()), e.toString());
                    if (i > 0) assertEquals(events.get(i - 1).to(), e.from());
                    now.add(k.id() + ":" + e.at() + e.from() + e.to() + e.submission());
                }
                assertEquals(events.stream().filter(e -> e.from() == CaseStatus.CLOSED).count(), k.repeats());
            }
            for (String e : seen) assertTrue(now.contains(e), "an event changed or vanished: " + e);
            seen = now;
        }
    }
}
