package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.domain.Status;

/**
 * A tally keeps the first {@link Scorecard#KEEP} failing findings in the night's order, each once: exactly what a
 * TreeSet in {@link Ranked#ORDER} cut to that size keeps, whatever the order the findings come in (ties in measure,
 * rule, subject and submission, findings equal in every field, the same finding twice included).
 */
class ScorecardKeptTest {
    @Property(tries = 200)
    void keepsWhatABoundedTreeSetKeeps(@ForAll @Size(max = 700) List<@IntRange(min = 0, max = 999) Integer> draws) {
        List<Ranked> made = new ArrayList<>();
        Scorecard.Kept kept = new Scorecard.Kept();
        TreeSet<Ranked> tree = new TreeSet<>(Ranked.ORDER);
        for (int d : draws) {
            // a tenth of the draws repeat a finding already made (the same object); the rest make one from few values
            Ranked r = d % 10 == 0 && !made.isEmpty() ? made.get(d % made.size()) : Ranked.of(finding(d));
            made.add(r);
            kept.add(r);
            if (tree.size() >= Scorecard.KEEP && Ranked.ORDER.compare(r, tree.last()) >= 0) continue;
            tree.add(r);
            if (tree.size() > Scorecard.KEEP) tree.pollLast();
        }
        List<Ranked> got = new ArrayList<>();
        kept.forEach(got::add);
        List<Ranked> want = new ArrayList<>(tree);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < got.size(); i++) assertSame(want.get(i), got.get(i), "the same finding at " + i);
    }

    private static Finding finding(int d) {
        return new Finding(1 + d % 3, "r-" + (d / 3) % 4, "S-" + (d / 12) % 9, "Road", d % 7 == 0 ? Status.PASS : Status.FAIL,
                (d / 108) % 3, 1, List.of("u"), null, null, new Span(null, null), d % 5 == 0 ? null : "sub-" + d % 2, null, List.of());
    }
}
