package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * The night's scorecard is the partitions' scorecards merged in their order: whatever the partitions, it
 * counts and keeps (the first {@link Scorecard#KEEP} failing findings of each measure and unit) what one
 * scorecard given every finding would.
 */
class ScorecardTest {
    @Provide
    Arbitrary<List<Finding>> findings() {
        Arbitrary<Finding> finding = Combinators.combine(
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 400),
                Arbitraries.of(Status.FAIL, Status.FAIL, Status.PASS, Status.PENDING, Status.NO_DATA),
                Arbitraries.of(List.of("A"), List.of("A", "B"), List.of("C")), Arbitraries.integers().between(0, 3))
                .as((m, s, status, units, sub) -> new Finding(m, m + "-rule", "R-" + s, "RoadCleaning", status, s, 1, units,
                        null, "ongoing", null, sub == 0 ? null : "S-" + sub, null, null));
        return finding.list().ofMinSize(0).ofMaxSize(1_500);
    }

    @Property(tries = 60)
    void mergedPartitionsKeepWhatOneScorecardOfAllKeeps(@ForAll("findings") List<Finding> findings,
                                                        @ForAll("cuts") List<Integer> cuts) {
        Scorecard one = new Scorecard();
        for (Finding f : findings) one.add(Ranked.of(f));
        Scorecard merged = new Scorecard();
        int from = 0;
        List<Integer> ends = new ArrayList<>();
        for (int c : cuts) ends.add(Math.min(c, findings.size()));
        ends.add(findings.size());
        for (int end : ends.stream().sorted().toList()) {
            Scorecard part = new Scorecard();
            for (Finding f : findings.subList(from, Math.max(from, end))) part.add(Ranked.of(f));
            from = Math.max(from, end);
            merged.merge(part);
        }
        assertSame(one.all(), merged.all());
        assertEquals(one.measures().keySet(), merged.measures().keySet());
        one.measures().forEach((m, t) -> assertSame(t, merged.measures().get(m)));
        assertEquals(one.units().keySet(), merged.units().keySet());
        one.units().forEach((u, t) -> assertSame(t, merged.units().get(u)));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 1_500).list().ofMaxSize(6);
    }

    private static void assertSame(Scorecard.Tally a, Scorecard.Tally b) {
        assertEquals(a.counts(), b.counts());
        assertEquals(a.failingCount(), b.failingCount());
        assertEquals(a.failing(), b.failing());
    }
}
