package org.lantian.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * A finding in the night's order. The order within a partition (and of the scorecard's failing findings):
 * measure, rule, subject, submission (an absent one first, texts by their UTF-16 code units), and between
 * findings equal in those the whole finding's JSON, so that the same input always gives the same bytes.
 */
record Ranked(Finding finding) {
    /** Compares field by field, without a chain of comparators: a night sorts millions of findings. */
    static final Comparator<Ranked> ORDER = (x, y) -> {
        Finding a = x.finding;
        Finding b = y.finding;
        if (a == b) return 0;
        int c = Integer.compare(a.measure(), b.measure());
        if (c == 0) c = text(a.rule(), b.rule());
        if (c == 0) c = text(a.subject(), b.subject());
        if (c == 0) c = text(a.submission(), b.submission());
        // Findings equal in their key are rare: their JSON is made only then.
        return c != 0 ? c : Arrays.compareUnsigned(whole(a), whole(b));
    };

    /** Texts by their UTF-16 code units, an absent one first; the same text (often the same instance) at once. */
    private static int text(String a, String b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        return a.compareTo(b);
    }

    /**
     * Sorts findings in {@link #ORDER} exactly as {@code findings.sort(ORDER)} does (findings that compare equal keep
     * their order), in fewer comparisons: a partition's thousands of findings fall under a few hundred rules, so they
     * are put into one run per measure and rule (in the order given), the runs are ordered, and only within each run
     * are findings compared.
     */
    static void sort(List<Ranked> findings) {
        if (findings.size() < 2) return;
        Map<String, Run> byRule = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        Run run = null;
        for (Ranked r : findings) {
            Finding f = r.finding;
            if (run == null || f.rule() != run.rule || f.measure() != run.measure) { // a rule's findings mostly come together
                run = byRule.get(f.rule());
                if (run == null) {
                    byRule.put(f.rule(), run = new Run(f.measure(), f.rule()));
                    runs.add(run);
                } else if (run.measure != f.measure()) {
                    findings.sort(ORDER); // one rule under two measures: no run per rule
                    return;
                }
            }
            run.findings.add(r);
        }
        runs.sort((a, b) -> a.measure != b.measure ? Integer.compare(a.measure, b.measure) : text(a.rule, b.rule));
        int i = 0;
        for (Run each : runs) {
            each.findings.sort(ORDER);
            for (Ranked r : each.findings) findings.set(i++, r);
        }
    }

    /** The findings of one measure and rule. */
    private static final class Run {
        final int measure;
        final String rule;
        final List<Ranked> findings = new ArrayList<>();

        Run(int measure, String rule) {
            this.measure = measure;
            this.rule = rule;
        }
    }

    static Ranked of(Finding f) {
        return new Ranked(f);
    }

    /** The finding as one JSON object, every field included (the whole line of {@code --all-messages}). */
    static byte[] whole(Finding f) {
        try {
            return Json.MAPPER.writeValueAsBytes(f);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
