package org.lantian.impact;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.domain.Status;
import org.lantian.service.EvaluationService;
import org.lantian.batch.Registers;
import org.lantian.engine.TypeReaders;
import org.lantian.store.History;

/**
 * What a proposed pack would change, before it is loaded: every day the store judged from one day to another is
 * judged again, with the current pack and with the proposed one, each through the one evaluation API
 * ({@link EvaluationService#evaluate}) and each with its own history map; then the findings are compared.
 *
 * <p>A day is judged as the batch judges a night: the facts recorded that day (the night's and the posts judged
 * as of it) with the stored facts of the pack's history windows up to that day (recorded on or before it, those
 * of another submission identical to one already there left out), in sessions of facts that share a partition
 * key, with the context facts in each. A finding is known by its measure, rule, subject and period; judged on
 * several days (a week's flushes every night of the week), its last judgement in the range counts. A finding
 * changes when its status differs, or when one pack judges it and the other does not.
 */
public final class Impact {
    /** Facts per evaluation, as the batch's sessions: a group sharing a partition key is never split. */
    static final int SESSION = 1000;

    private Impact() {
    }

    /** A finding's last judgement in the range: the day it was judged on and what was found. */
    public record Judged(LocalDate day, int measure, String rule, String subject, Span period, Status status, Object observed,
                         Object target, List<String> units) {
        static Judged of(LocalDate day, Finding f) {
            return new Judged(day, f.measure(), f.rule(), f.subject(), f.period(), f.status(), f.observed(), f.target(),
                    f.units() == null ? List.of() : f.units());
        }

        String key() {
            return measure + "\u0000" + rule + "\u0000" + subject + "\u0000"
                    + (period == null ? "" : period.from() + ".." + period.to());
        }
    }

    /**
     * A finding that would change: its status with the current pack ({@code from}, null when that pack does not
     * judge it) and with the proposed one ({@code to}, null when it no longer would), on the last day judged.
     */
    public record Change(int measure, String rule, String subject, Span period, List<String> units, LocalDate day,
                         Status from, Status to, Object observedFrom, Object observedTo, Object targetFrom, Object targetTo) {
        /** "PASS -> FAIL", with "-" for a finding one pack does not judge. */
        public String transition() {
            return (from == null ? "-" : from.name()) + " -> " + (to == null ? "-" : to.name());
        }
    }

    /**
     * The comparison: the days judged, facts evaluated a pack, findings of each pack (one a key), the changes in
     * order of measure, rule, subject and period, and how many changed per measure, per responsible unit and per
     * transition.
     */
    public record Result(LocalDate from, LocalDate to, List<LocalDate> days, long facts, long currentFindings,
                         long proposedFindings, List<Change> changes, Map<Integer, Long> byMeasure, Map<String, Long> byUnit,
                         Map<String, Long> byTransition) {
    }

    /**
     * Judges the days of {@code from..to} the store holds with both packs and compares. {@code progress} hears
     * about each day as it starts.
     *
     * @throws RuntimeException what a rule of either pack throws (wrapped with the day and the pack)
     */
    public static Result of(History history, EvaluationService current, EvaluationService proposed, LocalDate from,
                            LocalDate to, Consumer<String> progress) throws SQLException {
        List<LocalDate> days = history.days(from, to);
        Map<String, Judged> before = new TreeMap<>();
        Map<String, Judged> after = new TreeMap<>();
        long facts = 0;
        Set<String> registeredNow = registered(current);
        Set<String> registeredProposed = registered(proposed);
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            progress.accept("judging " + day + " (" + (i + 1) + "/" + days.size() + ")");
            List<History.Stored> tonight = new ArrayList<>();
            history.forEachRecordedOn(day, tonight::add);
            facts += judge(history, current, "current", day, tonight, registeredNow, before);
            judge(history, proposed, "proposed", day, tonight, registeredProposed, after);
        }
        return compare(from, to, days, facts, before, after);
    }

    /**
     * One day with one pack: its findings' judgements put into {@code last}; returns the facts evaluated. The stored
     * facts are loaded as the batch loads a night's ({@link History#forEachOfNight}): a running quarter's or year's
     * only for the subjects the day brings or the pack's registers list, every subject's on the night its period ends.
     */
    private static long judge(History history, EvaluationService service, String which, LocalDate day, List<History.Stored> tonight,
                              Set<String> registered, Map<String, Judged> last) throws SQLException {
        Map<String, List<Fact>> groups = new TreeMap<>();
        Set<Fact> context = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> submissions = new HashSet<>();
        long[] count = {0};
        java.util.function.Function<History.Stored, Fact> place = stored -> {
            Fact f = stored.fact();
            count[0]++;
            if (f.getClass().isAnnotationPresent(Context.class)) context.add(f);
            else groups.computeIfAbsent(Objects.requireNonNullElse(stored.partitionKey(), ""), k -> new ArrayList<>()).add(f);
            return f;
        };
        for (History.Stored s : tonight) {
            seen.add(s.sameness());
            submissions.add(s.submission());
            place.apply(s);
        }
        Set<String> keys = new HashSet<>(registered);
        for (History.Stored s : tonight) if (s.partitionKey() != null) keys.add(s.partitionKey());
        // The facts loaded as the night's history, not the day's own: judged again only for periods still running.
        Set<Fact> loaded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        history.forEachOfNight(service.pack().ledger(), TypeReaders.measuresByType(service.pack()), day, keys, submissions, stored -> {
            if (seen.add(stored.sameness())) loaded.add(place.apply(stored));
        });
        List<Fact> session = new ArrayList<>();
        for (List<Fact> group : groups.values()) {
            if (!session.isEmpty() && session.size() + group.size() > SESSION) {
                evaluate(service, which, day, session, context, loaded, last);
                session.clear();
            }
            session.addAll(group);
        }
        if (!session.isEmpty() || !context.isEmpty()) evaluate(service, which, day, session, context, loaded, last);
        return count[0];
    }

    /** The subjects of the pack's registers: their stored facts of a running period are judged every night, as the batch does. */
    private static Set<String> registered(EvaluationService service) {
        try {
            return Registers.load(service.pack().pack().dir(), service.pack().ledger()).bySubject().keySet();
        } catch (org.lantian.pack.PackException e) {
            throw new IllegalStateException("the pack's registers do not load: " + e.getMessage(), e);
        }
    }

    private static void evaluate(EvaluationService service, String which, LocalDate day, List<Fact> session, Set<Fact> context,
                                 Set<Fact> loaded, Map<String, Judged> last) {
        List<Fact> facts = new ArrayList<>(session);
        facts.addAll(context);
        List<Finding> findings;
        try {
            findings = service.evaluate(facts, day, fact -> null, loaded::contains);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the " + which + " pack failed on the facts of " + day + ": " + e.getMessage(), e);
        }
        for (Finding f : findings) {
            Judged j = Judged.of(day, f);
            last.put(j.key(), j);
        }
    }

    private static Result compare(LocalDate from, LocalDate to, List<LocalDate> days, long facts, Map<String, Judged> before,
                                  Map<String, Judged> after) {
        Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String k : keys) {
            Judged a = before.get(k);
            Judged b = after.get(k);
            if (a != null && b != null && a.status() == b.status()) continue;
            Judged any = b != null ? b : a;
            LocalDate day = a == null ? b.day() : b == null ? a.day() : (a.day().isAfter(b.day()) ? a.day() : b.day());
            changes.add(new Change(any.measure(), any.rule(), any.subject(), any.period(), any.units(), day,
                    a == null ? null : a.status(), b == null ? null : b.status(),
                    a == null ? null : a.observed(), b == null ? null : b.observed(),
                    a == null ? null : a.target(), b == null ? null : b.target()));
        }
        changes.sort(Comparator.comparingInt(Change::measure).thenComparing(Change::rule).thenComparing(Change::subject,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(c -> c.period() == null ? "" : c.period().from().toString()));
        Map<Integer, Long> byMeasure = new TreeMap<>();
        Map<String, Long> byUnit = new TreeMap<>();
        Map<String, Long> byTransition = new TreeMap<>();
        for (Change c : changes) {
            byMeasure.merge(c.measure(), 1L, Long::sum);
            for (String u : new LinkedHashSet<>(c.units())) byUnit.merge(u, 1L, Long::sum);
            byTransition.merge(c.transition(), 1L, Long::sum);
        }
        return new Result(from, to, days, facts, before.size(), after.size(), changes, byMeasure, byUnit, byTransition);
    }
}
