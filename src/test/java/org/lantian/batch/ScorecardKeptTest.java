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
        assertKeepsWhatABoundedTreeSetKeeps(made(draws));
    }

    /** In the night's order (as a partition's sorted findings come), where each takes the shortcut past the last one kept. */
    @Property(tries = 200)
    void keepsWhatABoundedTreeSetKeepsOfFindingsInOrder(@ForAll @Size(max = 700) List<@IntRange(min = 0, max = 999) Integer> draws,
                                                         @ForAll @IntRange(min = 0, max = 20) int outOfOrder) {
        List<Ranked> made = made(draws);
        made.sort(Ranked.ORDER);
        // a few out of place: the shortcut must not take them
        for (int i = 0; i < outOfOrder && made.size() > 1; i++) java.util.Collections.swap(made, i * 7 % made.size(), made.size() - 1 - i % made.size());
        assertKeepsWhatABoundedTreeSetKeeps(made);
    }

    /** A tenth of the draws repeat a finding already made (the same object); the rest make one from few values. */
    private static List<Ranked> made(List<Integer> draws) {
        List<Ranked> made = new ArrayList<>();
        for (int d : draws) made.add(d % 10 == 0 && !made.isEmpty() ? made.get(d % made.size()) : Ranked.of(finding(d)));
        return made;
    }

    private static void assertKeepsWhatABoundedTreeSetKeeps(List<Ranked> made) {
        Scorecard.Kept kept = new Scorecard.Kept();
        TreeSet<Ranked> tree = new TreeSet<>(Ranked.ORDER);
        for (Ranked r : made) {
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
