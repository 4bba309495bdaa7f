package org.lantian.batch;

import java.util.Comparator;
import org.lantian.domain.Finding;

/**
 * A finding with its JSON line. The night's order: measure, rule, subject, submission, then the line
 * itself, so that the same input always gives the same bytes, whatever the partitions.
 */
record Ranked(Finding finding, String json) {
    static final Comparator<Ranked> ORDER = Comparator.<Ranked>comparingInt(r -> r.finding().measure())
            .thenComparing(r -> r.finding().rule())
            .thenComparing(r -> r.finding().subject(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.finding().submission(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Ranked::json);
}
