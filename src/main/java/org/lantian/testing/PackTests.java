package org.lantian.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lantian.Json;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.RuleInfo;
import org.lantian.input.Problem;
import org.lantian.service.EvaluationService;

/**
 * Runs a pack's test cases ({@code tests/*.json}: facts in, expected findings out) and checks that
 * every rule is shown both passing and failing. Used by {@code lantian test} and by JUnit.
 *
 * <p>An expectation {@code {measure, subject, status, rule?}} holds when at least one finding has that
 * measure, subject (and rule, when given) and every such finding has that status. Status {@code NONE}
 * means no such finding at all (a seasonal rule outside its window).
 */
public final class PackTests {
    public static final String NONE = "NONE";

    public record Expectation(int measure, String subject, String status, String rule) {
    }

    /** The outcome of one test case: its failures (empty when it passed) and the findings it asserted. */
    public record CaseResult(String name, String description, List<String> failures, List<Finding> asserted) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final CompiledPack pack;
    private final EvaluationService service;

    public PackTests(CompiledPack pack) {
        this.pack = pack;
        this.service = new EvaluationService(pack);
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
        String description = doc.path("description").asText("");
        List<String> failures = new ArrayList<>();
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(doc.path("asOf").asText());
        } catch (DateTimeParseException e) {
            return new CaseResult(name, description, List.of("asOf: expected a date YYYY-MM-DD"), List.of());
        }
        List<Problem> problems = new ArrayList<>();
        List<Fact> facts = service.validateFacts(doc.path("facts"), "/facts", problems);
        problems.forEach(p -> failures.add("invalid fact: " + p.describe()));
        List<Expectation> expected = new ArrayList<>();
        for (JsonNode e : doc.path("expect")) {
            try {
                expected.add(Json.MAPPER.treeToValue(e, Expectation.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                failures.add("bad expectation " + e + ": " + ex.getOriginalMessage());
            }
        }
        if (expected.isEmpty()) failures.add("no expectations: a test case must expect something");
        if (!failures.isEmpty()) return new CaseResult(name, description, failures, List.of());

        List<Finding> findings = service.evaluate(facts, asOf);
        List<Finding> asserted = new ArrayList<>();
        for (Expectation e : expected) {
            List<Finding> matching = findings.stream()
                    .filter(f -> f.measure() == e.measure() && f.subject().equals(e.subject())
                            && (e.rule() == null || f.rule().equals(e.rule())))
                    .toList();
            String what = "measure " + e.measure() + (e.rule() == null ? "" : " rule " + e.rule()) + " subject " + e.subject();
            if (NONE.equals(e.status())) {
                if (!matching.isEmpty()) failures.add(what + ": expected no finding, got " + describe(matching));
            } else if (matching.isEmpty()) {
                failures.add(what + ": expected " + e.status() + ", got no finding");
            } else if (matching.stream().anyMatch(f -> !f.status().name().equals(e.status()))) {
                failures.add(what + ": expected " + e.status() + ", got " + describe(matching));
            } else {
                asserted.addAll(matching);
            }
        }
        return new CaseResult(name, description, failures, asserted);
    }

    /**
     * Rules that no passing case shows both passing and missing its target (FAIL, or WARN for an
     * advisory rule): each such rule with what it lacks.
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
            if (!s.contains(Status.FAIL) && !s.contains(Status.WARN)) lacks.add("a failing case");
            if (!lacks.isEmpty()) gaps.add(rule.id() + ": no test case asserts " + String.join(" or ", lacks));
        }
        return gaps;
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + "=" + f.status()).toList().toString();
    }
}
