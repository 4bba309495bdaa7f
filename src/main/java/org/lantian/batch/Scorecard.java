package org.lantian.batch;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        private static final Status[] STATUSES = Status.values();
        final long[] counts = new long[STATUSES.length];
        final Kept failing = new Kept();
        long failingCount;

        void add(Ranked r) {
            Status s = r.finding().status();
            counts[s.ordinal()]++;
            if (s == Status.FAIL) {
                failingCount++;
                keep(r);
            }
        }

        private void keep(Ranked r) {
            failing.add(r);
        }

        void merge(Tally other) {
            for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
            failingCount += other.failingCount;
            if (failing.size == 0) {
                failing.copy(other.failing); // sorted findings of the same order into an empty tally: as they are, no search
                return;
            }
            // What keep() does to each of them in their order; once one would go again at once, all after it would.
            for (Ranked r : other.failing) if (!failing.add(r)) break;
        }

        /** The counts of the statuses seen. */
        public Map<Status, Long> counts() {
            Map<Status, Long> out = new EnumMap<>(Status.class);
            for (Status s : STATUSES) if (counts[s.ordinal()] > 0) out.put(s, counts[s.ordinal()]);
            return out;
        }

        public long count(Status s) {
            return counts[s.ordinal()];
        }

        public long total() {
            long total = 0;
            for (long n : counts) total += n;
            return total;
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
            List<Finding> out = new java.util.ArrayList<>(failing.size);
            for (Ranked r : failing) out.add(r.finding());
            return java.util.Collections.unmodifiableList(out);
        }

        public long failingCount() {
            return failingCount;
        }
    }

    /**
     * The first findings in the night's order, at most {@link #KEEP}, each once (as a bounded TreeSet would keep
     * them): a sorted array, since a partition's tallies take tens of thousands of failing findings in turn.
     */
    static final class Kept implements Iterable<Ranked> {
        private Ranked[] items = new Ranked[16];
        private int size;

        /**
         * False when {@code r} would go again at once (KEEP findings before it are kept). Findings that come in the
         * night's order (a partition's, sorted) each take one comparison with the last one kept.
         */
        boolean add(Ranked r) {
            if (size > 0) {
                int last = Ranked.ORDER.compare(r, items[size - 1]);
                if (last >= 0) {
                    if (size == KEEP) return false;
                    if (last == 0) return true; // already kept
                    if (size == items.length) items = Arrays.copyOf(items, Math.min(KEEP, size * 2));
                    items[size++] = r;
                    return true;
                }
            }
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Ranked.ORDER.compare(items[mid], r);
                if (c < 0) lo = mid + 1;
                else if (c > 0) hi = mid - 1;
                else return true; // already kept
            }
            if (size == KEEP) {
                System.arraycopy(items, lo, items, lo + 1, size - 1 - lo); // the last one goes
            } else {
                if (size == items.length) items = Arrays.copyOf(items, Math.min(KEEP, size * 2));
                System.arraycopy(items, lo, items, lo + 1, size - lo);
                size++;
            }
            items[lo] = r;
            return true;
        }

        /** Takes the findings of another, this one being empty. */
        void copy(Kept other) {
            items = Arrays.copyOf(other.items, Math.max(16, other.size));
            size = other.size;
        }

        @Override
        public Iterator<Ranked> iterator() {
            return Arrays.asList(items).subList(0, size).iterator();
        }
    }

    private final Tally all = new Tally();
    private final Map<Integer, Tally> measures = new TreeMap<>();
    private final Map<String, Tally> units = new TreeMap<>();
    /** The tallies of a measure, looked up once per measure rather than once per finding. */
    private final Map<Integer, Tally> byMeasure = new HashMap<>();
    /**
     * The tallies of a list of units, by the list's identity: the engine gives every finding of a measure and
     * town the same list, so a night has few lists and each finding one identity lookup.
     */
    private final Map<List<String>, Tally[]> byUnits = new IdentityHashMap<>();

    /** The tallies of the last finding's measure and units: findings in the night's order come by measure. */
    private Tally lastMeasure;
    private int lastMeasureNumber;
    private List<String> lastUnits;
    private Tally[] lastUnitTallies;

    public void add(Ranked r) {
        all.add(r);
        int measure = r.finding().measure();
        Tally m = lastMeasure != null && lastMeasureNumber == measure ? lastMeasure : byMeasure.get(measure);
        if (m == null) byMeasure.put(measure, m = measures.computeIfAbsent(measure, k -> new Tally()));
        lastMeasure = m;
        lastMeasureNumber = measure;
        m.add(r);
        List<String> us = r.finding().units();
        if (us != null) {
            Tally[] ts = us == lastUnits ? lastUnitTallies : byUnits.get(us);
            if (ts == null) {
                ts = new Tally[us.size()];
                for (int i = 0; i < ts.length; i++) ts[i] = units.computeIfAbsent(us.get(i), k -> new Tally());
                if (byUnits.size() >= 4096) byUnits.clear(); // lists made per finding (the registers'): keep it small
                byUnits.put(us, ts);
            }
            lastUnits = us;
            lastUnitTallies = ts;
            for (Tally t : ts) t.add(r);
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
