package org.lantian.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.lantian.Json;
import org.lantian.domain.AbsentMeansNone;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.RuleInfo;
import org.lantian.input.FactTypes;
import org.lantian.input.Problem;
import org.lantian.pack.Measure;
import org.lantian.pack.TargetReads;
import org.lantian.service.EvaluationService;

/**
 * Runs a pack's test cases ({@code tests/*.json}: facts in, expected findings out) and the properties
 * every rule must hold; used by {@code lantian test} and by JUnit. docs/rules.md explains both to pack authors.
 *
 * <p>A case is read strictly: unknown keys, rules and measures are errors. An expectation
 * {@code {measure, subject, status, rule?}} holds when at least one finding has that measure, subject (and
 * rule, when given) and every such finding has that status; {@code NONE} means no such finding. A case owns
 * every finding of the subjects it names: one that no expectation covers fails it, unless the case lists its
 * rule (or measure) under {@code ignore}.
 *
 * <p>The properties, checked on every case:
 * <ul>
 *   <li><b>one finding</b>: in one evaluation a (rule, subject) pair has at most one finding;
 *   <li><b>missing data never passes</b>: removing any one field (not the subject's id, not a field marked
 *       {@link AbsentMeansNone}) from any fact never turns a FAIL, PENDING, WARN or NO_DATA finding into a
 *       PASS for the same rule and subject.
 * </ul>
 */
public final class PackTests {
    public static final String NONE = "NONE";

    /**
     * Rules whose one-finding property waits for the time-pack branch, which rewrites measures 13, 14 and 15
     * to judge per day (subjects such as {@code R-001/2022-06-30}). Their repeats are reported, not failed.
     * That merge removes this set.
     */
    static final Set<String> PENDING_TIME_PACK = Set.of(
            "13-mechanised-sweeping-rate", "13-daily-sweeps", "13-daily-upkeep-shifts", "13-daily-wash",
            "13-back-lane-wet-sweep", "13-back-lane-weekly-flush",
            "14-core-wet-sweeps", "14-core-weekly-flushes", "14-radiating-daily-watering", "14-radiating-weekly-flush",
            "15-weekly-cleaning-campaigns");

    private static final Set<String> CASE_KEYS = Set.of("description", "asOf", "facts", "expect", "ignore");
    private static final Set<String> EXPECTATION_KEYS = Set.of("measure", "subject", "rule", "status");
    private static final Set<Status> MISSES = EnumSet.of(Status.FAIL, Status.PENDING, Status.WARN, Status.NO_DATA);

    public record Expectation(int measure, String subject, String status, String rule) {
        boolean covers(Finding f) {
            return f.measure() == measure && f.subject().equals(subject) && (rule == null || f.rule().equals(rule));
        }

        String describe() {
            return "measure " + measure + (rule == null ? "" : " rule " + rule) + " subject " + subject;
        }
    }

    /**
     * The outcome of one test case: its failures (empty when it passed), the findings it asserted, and notes
     * that do not fail it (one-finding repeats of rules pending time-pack).
     */
    public record CaseResult(String name, String description, List<String> failures, List<Finding> asserted, List<String> notes) {
        public CaseResult(String name, String description, List<String> failures, List<Finding> asserted) {
            this(name, description, failures, asserted, List.of());
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final CompiledPack pack;
    private final EvaluationService service;
    private final Map<String, RuleInfo> rules = new LinkedHashMap<>();
    private final Set<String> targetsRead = ConcurrentHashMap.newKeySet();

    public PackTests(CompiledPack pack) {
        this.pack = pack;
        this.service = new EvaluationService(pack);
        for (RuleInfo r : pack.rules()) rules.put(r.id(), r);
    }

    public List<CaseResult> runAll() {
        List<CaseResult> results = new ArrayList<>();
        for (Path file : pack.pack().testFiles()) results.add(run(file));
        return results;
    }

    public CaseResult run(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return new CaseResult(name, "", List.of("unreadable: " + e.getMessage()), List.of());
        }
        if (doc == null || !doc.isObject()) return new CaseResult(name, "", List.of("a test case is a JSON object"), List.of());
        String description = doc.path("description").asText("");
        List<String> failures = new ArrayList<>();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!CASE_KEYS.contains(key)) failures.add("unknown key \"" + key + "\" (a case has " + new TreeSet<>(CASE_KEYS) + ")");
        }
        LocalDate asOf = null;
        try {
            asOf = LocalDate.parse(doc.path("asOf").asText());
        } catch (DateTimeParseException e) {
            failures.add("asOf: expected a date YYYY-MM-DD");
        }
        List<Problem> problems = new ArrayList<>();
        JsonNode factsNode = doc.path("facts");
        if (!factsNode.isArray()) failures.add("facts: expected an array of facts");
        List<Fact> facts = factsNode.isArray() ? service.validateFacts(factsNode, "/facts", problems) : List.of();
        problems.forEach(p -> failures.add("invalid fact: " + p.describe()));
        for (int i = 0; i < facts.size(); i++) {
            String town = facts.get(i).town();
            if (town != null && pack.ledger().unit(town) == null) {
                failures.add("facts[" + i + "].town: unit name \"" + town + "\" is not in the pack's list of units (ledger.yaml units: add it, or an alias)");
            }
        }
        List<Expectation> expected = readExpectations(doc.path("expect"), failures);
        Set<String> ignoredRules = new HashSet<>();
        Set<Integer> ignoredMeasures = new HashSet<>();
        readIgnore(doc.get("ignore"), ignoredRules, ignoredMeasures, failures);
        if (!failures.isEmpty()) return new CaseResult(name, description, failures, List.of());

        LocalDate day = asOf;
        List<Finding> findings = TargetReads.noting(targetsRead, () -> service.evaluate(facts, day));
        List<Finding> asserted = new ArrayList<>();
        for (Expectation e : expected) {
            List<Finding> matching = findings.stream().filter(e::covers).toList();
            if (NONE.equals(e.status())) {
                if (!matching.isEmpty()) failures.add(e.describe() + ": expected no finding, got " + describe(matching));
            } else if (matching.isEmpty()) {
                failures.add(e.describe() + ": expected " + e.status() + ", got no finding");
            } else if (matching.stream().anyMatch(f -> !f.status().name().equals(e.status()))) {
                failures.add(e.describe() + ": expected " + e.status() + ", got " + describe(matching));
            } else {
                asserted.addAll(matching);
            }
        }
        Set<String> named = expected.stream().map(Expectation::subject).collect(Collectors.toSet());
        for (Finding f : findings) {
            if (!named.contains(f.subject()) || ignoredRules.contains(f.rule()) || ignoredMeasures.contains(f.measure())) continue;
            if (expected.stream().noneMatch(e -> e.covers(f))) {
                failures.add("unexpected finding " + f.rule() + "=" + f.status() + " for subject " + f.subject()
                        + ": the case owns every finding of the subjects it names (expect it, or list its rule under \"ignore\")");
            }
        }
        for (Finding f : findings) {
            RuleInfo r = rules.get(f.rule());
            if (f.status() == Status.WARN && (r == null || !r.advisory())) {
                failures.add(f.rule() + " gave WARN for " + f.subject() + " but is not advisory (@advisory): a miss of a binding target is a FAIL");
            }
        }
        List<String> notes = new ArrayList<>();
        oneFindingPerRuleAndSubject(findings, failures, notes);
        failures.addAll(missingDataViolations(factsNode, facts, asOf, findings));
        return new CaseResult(name, description, failures, asserted, notes);
    }

    private List<Expectation> readExpectations(JsonNode node, List<String> failures) {
        List<Expectation> expected = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            failures.add("expect: a test case must expect something (a non-empty array)");
            return expected;
        }
        for (JsonNode e : node) {
            String at = "expectation " + e + ": ";
            if (!e.isObject()) {
                failures.add(at + "expected an object {measure, subject, status, rule?}");
                continue;
            }
            int before = failures.size();
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!EXPECTATION_KEYS.contains(key)) failures.add(at + "unknown key \"" + key + "\" (an expectation has " + new TreeSet<>(EXPECTATION_KEYS) + ")");
            }
            JsonNode measure = e.get("measure");
            if (measure == null || !measure.isIntegralNumber()) failures.add(at + "measure: expected a measure number");
            else if (!pack.ledger().hasMeasure(measure.asInt())) failures.add(at + "measure " + measure.asInt() + " is not a measure of the ledger");
            JsonNode subject = e.get("subject");
            if (subject == null || !subject.isTextual() || subject.asText().isBlank()) failures.add(at + "subject: expected a subject id");
            JsonNode status = e.get("status");
            Set<String> statuses = new TreeSet<>(Arrays.stream(Status.values()).map(Enum::name).toList());
            statuses.add(NONE);
            if (status == null || !status.isTextual() || !statuses.contains(status.asText())) failures.add(at + "status: expected one of " + statuses);
            JsonNode rule = e.get("rule");
            if (rule != null) {
                RuleInfo r = rule.isTextual() ? rules.get(rule.asText()) : null;
                if (r == null) failures.add(at + "rule " + rule + " is not a rule of the pack");
                else if (measure != null && r.measure() != measure.asInt()) failures.add(at + "rule " + r.id() + " belongs to measure " + r.measure());
            }
            if (failures.size() == before) {
                expected.add(new Expectation(measure.asInt(), subject.asText(), status.asText(), rule == null ? null : rule.asText()));
            }
        }
        return expected;
    }

    private void readIgnore(JsonNode node, Set<String> ignoredRules, Set<Integer> ignoredMeasures, List<String> failures) {
        if (node == null) return;
        if (!node.isArray()) {
            failures.add("ignore: expected an array of rule ids or measure numbers");
            return;
        }
        for (JsonNode i : node) {
            if (i.isTextual() && rules.containsKey(i.asText())) ignoredRules.add(i.asText());
            else if (i.isIntegralNumber() && pack.ledger().hasMeasure(i.asInt())) ignoredMeasures.add(i.asInt());
            else failures.add("ignore: " + i + " is neither a rule of the pack nor a measure of the ledger");
        }
    }

    /** The one-finding property: a (rule, subject) pair has at most one finding in one evaluation. */
    private static void oneFindingPerRuleAndSubject(List<Finding> findings, List<String> failures, List<String> notes) {
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, String> rule = new HashMap<>();
        for (Finding f : findings) {
            String key = f.rule() + " subject " + f.subject();
            count.merge(key, 1, Integer::sum);
            rule.put(key, f.rule());
        }
        count.forEach((key, n) -> {
            if (n < 2) return;
            String text = "one finding per rule and subject: " + key + " has " + n + " findings"
                    + " (name what is judged in the subject, e.g. GL-901/2022-08-10)";
            if (PENDING_TIME_PACK.contains(rule.get(key))) notes.add("pending time-pack: " + text);
            else failures.add(text);
        });
    }

    /**
     * The missing-data property over one case: each variant leaves out one field of one fact; a (rule,
     * subject) that missed its target (FAIL, PENDING, WARN, NO_DATA) must not PASS in the variant.
     */
    private List<String> missingDataViolations(JsonNode factsNode, List<Fact> facts, LocalDate asOf, List<Finding> baseline) {
        Map<String, Status> missed = new HashMap<>();
        for (Finding f : baseline) if (MISSES.contains(f.status())) missed.put(f.rule() + "\u0000" + f.subject(), f.status());
        if (missed.isEmpty()) return List.of();
        record Variant(int fact, String field) {
        }
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < factsNode.size(); i++) {
            JsonNode fact = factsNode.get(i);
            var type = FactTypes.byName(fact.path("type").asText());
            if (type.isEmpty()) continue;
            RecordComponent[] components = type.get().getRecordComponents();
            for (int c = 1; c < components.length; c++) {               // component 0 is the subject's id
                if (components[c].isAnnotationPresent(AbsentMeansNone.class) || !fact.has(components[c].getName())) continue;
                variants.add(new Variant(i, components[c].getName()));
            }
        }
        return IntStream.range(0, variants.size()).parallel().mapToObj(v -> {
            Variant variant = variants.get(v);
            ArrayNode copy = (ArrayNode) factsNode.deepCopy();
            ((ObjectNode) copy.get(variant.fact())).remove(variant.field());
            List<Problem> problems = new ArrayList<>();
            List<Fact> changed = service.validateFacts(copy, "/facts", problems);
            if (!problems.isEmpty()) return List.<String>of();           // a required field: the fact is refused, not judged
            List<String> out = new ArrayList<>();
            List<Finding> findings = service.evaluate(changed, asOf);
            for (Finding f : findings) {
                Status before = missed.get(f.rule() + "\u0000" + f.subject());
                if (before != null && f.status() == Status.PASS) {
                    JsonNode fact = factsNode.get(variant.fact());
                    out.add("missing data passes: without facts[" + variant.fact() + "]." + variant.field() + " ("
                            + fact.path("type").asText() + " " + facts.get(variant.fact()).subject() + ") rule " + f.rule()
                            + " turns " + before + " into PASS for " + f.subject()
                            + " (the rule must give NO_DATA; or mark the field @AbsentMeansNone if its absence means nothing happened)");
                }
            }
            return out;
        }).flatMap(List::stream).distinct().toList();
    }

    /**
     * Rules that no passing case shows both passing and missing its target: FAIL, or WARN for an advisory
     * rule (and only for one). Each such rule with what it lacks.
     */
    public List<String> coverageGaps(List<CaseResult> results) {
        Map<String, Set<Status>> seen = new HashMap<>();
        for (CaseResult r : results) {
            if (!r.passed()) continue;
            for (Finding f : r.asserted()) seen.computeIfAbsent(f.rule(), k -> EnumSet.noneOf(Status.class)).add(f.status());
        }
        List<String> gaps = new ArrayList<>();
        for (RuleInfo rule : pack.rules()) {
            Set<Status> s = seen.getOrDefault(rule.id(), Set.of());
            List<String> lacks = new ArrayList<>();
            if (!s.contains(Status.PASS)) lacks.add("a passing case");
            if (rule.advisory() ? !s.contains(Status.WARN) : !s.contains(Status.FAIL)) {
                lacks.add(rule.advisory() ? "a warning case (WARN: the rule is advisory)" : "a failing case (FAIL)");
            }
            if (!lacks.isEmpty()) gaps.add(rule.id() + ": no test case asserts " + String.join(" or ", lacks));
        }
        return gaps;
    }

    /**
     * Targets of the ledger that no rule read while the cases ran: the ledger must not promise what is not
     * checked. A row of a table ({@code limit.WATER_BASED_CLEANER}, {@code maxOutputShare.B.RED}) counts as
     * read when any row of its table is.
     */
    public List<String> unreadTargets() {
        Set<String> tables = new HashSet<>();
        for (String read : targetsRead) if (read.indexOf('.') > 0) tables.add(read.substring(0, read.indexOf('.')));
        List<String> unread = new ArrayList<>();
        for (Measure m : pack.ledger().measures()) {
            if (m.targets() == null) continue;
            for (String name : m.targets().keySet()) {
                String key = m.number() + "/" + name;
                if (targetsRead.contains(key)) continue;
                if (name.indexOf('.') > 0 && tables.contains(m.number() + "/" + name.substring(0, name.indexOf('.')))) continue;
                unread.add("measure " + m.number() + " target " + name + ": no rule reads it (read it in a rule, or remove it from the ledger)");
            }
        }
        return unread;
    }

    /**
     * What the ledger promises or names that the pack cannot stand behind: targets no rule read, unit names
     * not in its list of units, enum values and booleans without Chinese wording. {@code lantian test} fails on any.
     */
    public List<String> ledgerProblems() {
        List<String> problems = new ArrayList<>(unreadTargets());
        var ledger = pack.ledger();
        for (String town : ledger.towns() == null ? List.<String>of() : ledger.towns()) {
            if (ledger.unit(town) == null) problems.add("towns: " + town + " is not in the pack's list of units");
        }
        for (Measure m : ledger.measures()) {
            for (String u : m.units()) {
                if (!org.lantian.pack.Ledger.EACH_TOWN.contains(u) && ledger.unit(u) == null) {
                    problems.add("measure " + m.number() + " units: " + u + " is not in the pack's list of units (ledger.yaml units: add it, or an alias)");
                }
            }
        }
        for (String b : List.of("true", "false")) {
            if (!ledger.hasWording(org.lantian.pack.Ledger.BOOLEAN_WORDING, b)) problems.add("wording: Boolean " + b + " has no Chinese wording");
        }
        Set<Class<?>> enums = new java.util.TreeSet<>(java.util.Comparator.comparing(Class::getSimpleName));
        for (Class<? extends Fact> type : FactTypes.all()) {
            for (RecordComponent c : type.getRecordComponents()) {
                Class<?> t = c.getType();
                if (t == List.class && c.getGenericType() instanceof java.lang.reflect.ParameterizedType pt
                        && pt.getActualTypeArguments()[0] instanceof Class<?> e) t = e;
                if (t.isEnum()) enums.add(t);
            }
        }
        for (Class<?> e : enums) {
            for (Object v : e.getEnumConstants()) {
                String name = ((Enum<?>) v).name();
                if (!ledger.hasWording(e.getSimpleName(), name)) {
                    problems.add("wording: " + e.getSimpleName() + "." + name + " has no Chinese wording (ledger.yaml wording)");
                }
            }
        }
        return problems;
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + "=" + f.status()).toList().toString();
    }
}
