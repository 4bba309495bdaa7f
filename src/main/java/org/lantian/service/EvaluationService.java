package org.lantian.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.domain.Submission;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.engine.RuleInfo;
import org.lantian.input.FactReader;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.input.StrictJson;
import org.lantian.domain.Waiver;
import org.lantian.store.Cases;
import org.lantian.store.History;
import org.lantian.store.Store;
import org.lantian.store.Submissions;
import org.lantian.store.Waivers;

/**
 * The one evaluation path that check, serve, batch, the pack tests and the benchmarks share:
 * parse → validate → evaluate → report. Nothing else evaluates a pack. It also answers the questions every
 * shell used to answer on its own: what day it is in the pack's time zone, and which measures had no data.
 */
public final class EvaluationService {
    /** Longest one submission's evaluation may take (a few ms is usual): the server stays responsive whatever is posted. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private final CompiledPack pack;
    private final ZoneId zone;
    private final FactReader reader;

    public EvaluationService(CompiledPack pack) {
        this.pack = pack;
        this.zone = pack.ledger().zone();
        this.reader = new FactReader(pack.ledger());
    }

    /** The pack's validation step (its dates, towns and measures bound what input may say). */
    public FactReader reader() {
        return reader;
    }

    public CompiledPack pack() {
        return pack;
    }

    // --- the pack's calendar -------------------------------------------------------------------------

    /** The time zone the ledger is kept in (ledger.yaml {@code timezone}). */
    public ZoneId zone() {
        return zone;
    }

    /** Today in the ledger's time zone: the default as-of date. */
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /** The ledger day an instant falls on (the day a submission counts for). */
    public LocalDate dayOf(OffsetDateTime instant) {
        return instant.atZoneSameInstant(zone).toLocalDate();
    }

    /** The as-of date of a submission when none is given: the day it was submitted, else today. */
    public LocalDate asOf(Submission submission) {
        return submission.submittedAt() != null ? dayOf(submission.submittedAt()) : today();
    }

    // --- validation: one contract for every input ----------------------------------------------------

    /** Validates a submission document (the envelope, its id limits and every fact). */
    public Submission validate(JsonNode document) throws InvalidInputException {
        return reader.readSubmission(document);
    }

    /** Parses and validates a submission as posted or read (one JSON document, strictly: see {@link StrictJson}). */
    public Submission validate(byte[] document) throws InvalidInputException {
        return reader.readSubmission(document);
    }

    /** Checks an as-of date against the pack's {@code dates}; {@code pointer} names where it came from ("asOf"). */
    public LocalDate validateAsOf(LocalDate day, String pointer) throws InvalidInputException {
        return reader.asOf(day, pointer);
    }

    /** Parses and checks an as-of date given as text (--as-of, ?asOf=). */
    public LocalDate validateAsOf(String text, String pointer) throws InvalidInputException {
        return reader.asOf(text, pointer);
    }

    /** Validates one bare fact; its problems are added to the list and null returned when it has any. */
    public Fact validateFact(JsonNode node, String pointer, String label, List<Problem> problems) {
        return reader.readFact(node, pointer, label, problems);
    }

    /** Validates an array of facts; bad ones are left out with their problems added to the list. */
    public List<Fact> validateFacts(JsonNode array, String pointer, List<Problem> problems) {
        return reader.readFacts(array, pointer, problems);
    }

    // --- evaluation ----------------------------------------------------------------------------------

    /** Validates a submission document and the as-of date, and evaluates it. */
    public CheckReport check(JsonNode document, LocalDate asOf) throws InvalidInputException {
        Submission submission = validate(document);
        return check(submission, validateAsOf(asOf, "asOf"));
    }

    /**
     * Evaluates a validated submission within {@link #TIME_LIMIT}.
     *
     * @throws EvaluationFailedException when a rule throws on this input or the evaluation runs out of time
     */
    public CheckReport check(Submission submission, LocalDate asOf) {
        return report(submission.submission(), asOf, pack.evaluate(submission.facts(), asOf, fact -> null, TIME_LIMIT));
    }

    /** The facts of an evaluation with history that are not the submission's own: the stored ones. */
    private static Predicate<Fact> stored(Submission submission) {
        Set<Fact> own = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        own.addAll(submission.facts());
        return fact -> !own.contains(fact);
    }

    /**
     * Evaluates a submission with a store, within {@link #TIME_LIMIT} like a submission alone: with the stored facts of
     * its subjects (partition keys) over the periods the pack's history map names and its facts touch
     * ({@link History#withHistory}), and the store's waivers in force on the as-of day ({@link #waive}); serve and
     * check --db. Cases are moved separately, by recording the findings with {@link #moves}.
     */
    public CheckReport check(Submission submission, LocalDate asOf, Store store) throws SQLException {
        List<Fact> facts = store.history().withHistory(pack.ledger(), submission, asOf);
        List<Finding> findings = pack.evaluate(facts, asOf, fact -> null, stored(submission), TIME_LIMIT);
        return report(submission.submission(), asOf, waive(findings, store.waivers().activeUpTo(asOf), asOf));
    }

    /**
     * The findings as the waivers leave them: a finding a waiver covers on its day is WAIVED with the waiver's id (the
     * first by id that covers it), whatever it was judged, except NOT_APPLICABLE (nothing to waive). Never PASS. A
     * finding's day is the last day of its period, or the as-of day while the period runs: a day of last week judged
     * again tonight (with history) is waived or not as that day was. {@code waivers}: those in force on some day up to
     * the as-of day ({@code Waivers.active}) or more.
     */
    public static List<Finding> waive(List<Finding> findings, List<Waiver> waivers, LocalDate asOf) {
        if (waivers.isEmpty()) return findings;
        List<Finding> out = new java.util.ArrayList<>(findings.size());
        for (Finding f : findings) {
            LocalDate day = f.period() != null && f.period().to() != null && f.period().to().isBefore(asOf) ? f.period().to() : asOf;
            Waiver w = f.status() == Status.NOT_APPLICABLE ? null
                    : waivers.stream().filter(x -> x.covers(f, day)).findFirst().orElse(null);
            out.add(w == null ? f : f.waivedBy(w.id()));
        }
        return out;
    }

    /**
     * What recording findings of a day does to rectification cases (docs/cases.md), with this pack's timing
     * ({@code rectification:} in ledger.yaml): serve, check --db and the batch record them with the store.
     * {@code actor}: "batch", "check" or a token id; {@code role} the token's role or null.
     */
    public Cases.Moves moves(List<Finding> findings, LocalDate day, String actor, String role) {
        return new Cases.Moves(findings, day, pack.ledger().rectification(), actor, role);
    }

    /**
     * Records a posted submission judged by {@link #check(Submission, LocalDate, Store)}: the document, its report,
     * its facts for the history and its findings' case moves, in one transaction. The API's post and the
     * console's site check both record here; {@code actor}/{@code role} are the poster's token id and role.
     */
    public Submissions.Posted record(Store store, Submission submission, JsonNode document, LocalDate asOf, CheckReport report,
            String reportJson, String actor, String role) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        List<Finding> findings = report.findings().stream().map(f -> f.withSubmission(submission.submission())).toList();
        // No look-up of the id first: insert() answers a re-post (SAME or CONFLICT) from the stored row when the id
        // is taken, so a new post, the common case, costs one round trip instead of two.
        return store.submissions().insert(new Submissions.NewSubmission(submission.submission(), submission.inspector(),
                Submissions.contentHash(document), now, dayOf(now), asOf, pack.hash(), document.toString(), reportJson,
                report.findings()), History.entries(submission, asOf), moves(findings, asOf, actor, role));
    }

    /**
     * What is wrong with a waiver grant for this pack, or null: the grant's own checks, then a rule, measure and town
     * the pack knows and dates within the pack's {@code dates}. The API and {@code lantian waiver create} ask here.
     */
    public String problem(Waivers.Grant g) {
        String problem = g.problem();
        if (problem != null) return problem;
        org.lantian.pack.Ledger ledger = pack.ledger();
        if (g.rule() != null && pack.rules().stream().noneMatch(r -> r.id().equals(g.rule()))) {
            return "rule: the pack has no rule \"" + g.rule() + "\"";
        }
        if (g.measure() != null && !ledger.hasMeasure(g.measure())) return "measure: the ledger has no measure " + g.measure();
        if (g.town() != null && (ledger.towns() == null || !ledger.towns().contains(g.town()))) {
            return "town: expected one of the ledger's towns " + ledger.towns() + ", found \"" + g.town() + "\"";
        }
        LocalDate first = ledger.dates().from();
        LocalDate last = ledger.dates().to();
        if (g.from().isBefore(first) || g.to().isAfter(last)) return "from and to: expected dates within " + first + ".." + last;
        return null;
    }

    /** Evaluates facts as of a day: the findings in deterministic order. */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf) {
        return pack.evaluate(facts, asOf);
    }

    /** Evaluates facts of many submissions (the batch): a finding about a fact names the submission {@code origin} gives. */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin) {
        return pack.evaluate(facts, asOf, origin);
    }

    /**
     * As {@link #evaluate(Collection, LocalDate, Function)}, where {@code stored} names the facts loaded from the history
     * (null: none): a night judged again ({@code lantian impact}) as the batch judged it, see {@link CompiledPack}.
     */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                  Predicate<Fact> stored) {
        return pack.evaluate(facts, asOf, origin, stored, null);
    }

    /**
     * As {@link #evaluate(Collection, LocalDate, Function)}, the findings in the order the rules made them (the batch
     * sorts them); {@code stored}: the facts loaded from the history (null: none), see {@link CompiledPack}.
     */
    public List<Finding> evaluateUnsorted(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                          Predicate<Fact> stored) {
        return pack.evaluateUnsorted(facts, asOf, origin, stored);
    }

    public CheckReport report(String submission, LocalDate asOf, List<Finding> findings) {
        return new CheckReport(submission, asOf, pack.ledger().pack(), findings, summarize(findings),
                measuresWithoutData(findings));
    }

    public static Map<Status, Integer> summarize(List<Finding> findings) {
        Map<Status, Integer> summary = new EnumMap<>(Status.class);
        for (Finding f : findings) summary.merge(f.status(), 1, Integer::sum);
        return summary;
    }

    // --- measures without data ------------------------------------------------------------------------

    /** The measures of one evaluation without data: see {@link #measuresWithoutData(Set, IntPredicate)}. */
    public List<Integer> measuresWithoutData(List<Finding> findings) {
        Set<Integer> judged = new TreeSet<>();
        for (Finding f : findings) if (f.status() != Status.NO_DATA) judged.add(f.measure());
        return measuresWithoutData(Set.of(), judged::contains);
    }

    /**
     * The one definition of a measure without data: a measure the pack expects data for (it has rules, or
     * {@code alsoExpected} names it, as the batch's registers do) that has no finding other than NO_DATA.
     * Never a silent pass: these are listed beside the findings. {@code hasData} says whether a measure has
     * a finding other than NO_DATA.
     */
    public List<Integer> measuresWithoutData(Set<Integer> alsoExpected, IntPredicate hasData) {
        Set<Integer> expected = new TreeSet<>(alsoExpected);
        for (RuleInfo r : pack.rules()) expected.add(r.measure());
        return expected.stream().filter(m -> !hasData.test(m)).toList();
    }
}
