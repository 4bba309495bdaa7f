package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.domain.Status;

/**
 * {@link Ranked#sort} puts findings in exactly the order {@code List.sort(Ranked.ORDER)} does, the same object at
 * every place (ties in every field kept in their order): rules under several measures, absent rules, subjects and
 * submissions, equal rule names that are other objects, and findings in any order included.
 */
class RankedSortTest {
    @Property(tries = 300)
    void sortsAsTheListSortsInTheNightsOrder(@ForAll @Size(max = 600) List<@IntRange(min = 0, max = 99_999) Integer> draws,
                                             @ForAll boolean ruleUnderTwoMeasures) {
        List<Ranked> made = new ArrayList<>();
        for (int d : draws) made.add(d % 13 == 0 && !made.isEmpty() ? made.get(d % made.size()) : Ranked.of(finding(d, ruleUnderTwoMeasures)));
        List<Ranked> want = new ArrayList<>(made);
        want.sort(Ranked.ORDER);
        List<Ranked> got = new ArrayList<>(made);
        Ranked.sort(got);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < got.size(); i++) assertSame(want.get(i), got.get(i), "the same finding at " + i);
    }

    /** Few values of each field, so that ties at every level are common; a rule's measure is its own unless asked. */
    private static Finding finding(int d, boolean ruleUnderTwoMeasures) {
        int rule = d % 7;
        int measure = ruleUnderTwoMeasures && d % 11 == 0 ? 9 : 1 + rule % 3;
        String name = rule == 6 ? null : new String("r-" + rule); // equal names, other objects
        String subject = (d / 7) % 10 == 0 ? null : "S-" + (d / 7) % 6;
        String submission = (d / 70) % 4 == 0 ? null : "sub-" + (d / 70) % 3;
        return new Finding(measure, name, subject, "Road", d % 5 == 0 ? Status.PASS : Status.FAIL, (d / 280) % 3, 1, List.of("u"),
                null, null, new Span(null, null), submission, null, List.of());
    }
}
