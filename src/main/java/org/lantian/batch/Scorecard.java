package org.lantian.batch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * What the report needs of the night's findings, in memory that does not grow with the records: counts
 * by status per measure and per responsible unit, and the first failing findings of each (in the night's
 * order, at most {@link #KEEP}); the rest are in findings.jsonl.
 */
public final class Scorecard {
    /** Failing findings kept per measure and per unit for the report pages. */
    public static final int KEEP = 200;

    /** Counts and the first failing findings of one measure or unit. */
    public static final class Tally {
        final Map<Status, Long> counts = new EnumMap<>(Status.class);
        final TreeSet<Ranked> failing = new TreeSet<>(Ranked.ORDER);
        long failingCount;

        void add(Ranked r) {
            counts.merge(r.finding().status(), 1L, Long::sum);
            if (r.finding().status() == Status.FAIL) {
                failingCount++;
                keep(r);
            }
        }

        private void keep(Ranked r) {
            if (failing.size() >= KEEP && Ranked.ORDER.compare(r, failing.last()) >= 0) return; // would go again at once
            failing.add(r);
            if (failing.size() > KEEP) failing.pollLast();
        }

        void merge(Tally other) {
            other.counts.forEach((s, n) -> counts.merge(s, n, Long::sum));
            failingCount += other.failingCount;
            other.failing.forEach(this::keep);
        }

        public Map<Status, Long> counts() {
            return counts;
        }

        public long count(Status s) {
            return counts.getOrDefault(s, 0L);
        }

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Compliance rate: PASS over every finding but NOT_APPLICABLE and WAIVED (WARN, PENDING and NO_DATA are not
         * compliant yet; a waived finding is not judged, counted apart); null when nothing applies.
         */
        public Double rate() {
            long applicable = total() - count(Status.NOT_APPLICABLE) - count(Status.WAIVED);
            return applicable == 0 ? null : (double) count(Status.PASS) / applicable;
        }

        public List<Finding> failing() {
            return failing.stream().map(Ranked::finding).toList();
        }

        public long failingCount() {
            return failingCount;
        }
    }

    private final Tally all = new Tally();
    private final Map<Integer, Tally> measures = new TreeMap<>();
    private final Map<String, Tally> units = new TreeMap<>();

    public void add(Ranked r) {
        all.add(r);
        measures.computeIfAbsent(r.finding().measure(), m -> new Tally()).add(r);
        if (r.finding().units() != null) {
            for (String u : r.finding().units()) units.computeIfAbsent(u, k -> new Tally()).add(r);
        }
    }

    public void merge(Scorecard other) {
        all.merge(other.all);
        other.measures.forEach((m, t) -> measures.computeIfAbsent(m, k -> new Tally()).merge(t));
        other.units.forEach((u, t) -> units.computeIfAbsent(u, k -> new Tally()).merge(t));
    }

    public Tally all() {
        return all;
    }

    public Map<Integer, Tally> measures() {
        return measures;
    }

    public Map<String, Tally> units() {
        return units;
    }
}
