package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Evidence;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Submission;
import org.lantian.domain.facts.RoadClass;
import org.lantian.input.FactReader;
import org.lantian.input.Problem;
import org.lantian.pack.RulePack;

/**
 * A finding's evidence is the facts of the rule's match, with the fields the rule reads: named in a
 * pattern, called on a bound variable in the conditions or the consequence, or read by a function the rule
 * calls; the facts of a collected list count too.
 */
class EvidenceTest {
    private static final LocalDate DAY = LocalDate.of(2022, 6, 30);

    @Test
    void theMatchedFactsWithTheFieldsTheRuleReads(@TempDir Path dir) throws Exception {
        Files.copy(TestPacks.BUNDLED.resolve(RulePack.LEDGER_FILE), dir.resolve(RulePack.LEDGER_FILE));
        Files.writeString(dir.resolve("evidence.drl"), """
                package lantian.test;
                import org.lantian.domain.facts.*;
                global org.lantian.engine.FindingCollector findings;

                function int sweepsOf(RoadCleaning road) {
                    return road.sweeps() == null ? 0 : road.sweeps();
                }

                rule "13-pattern-and-consequence"
                    @measure(13)
                when
                    $r : RoadCleaning(roadClass == RoadClass.MAIN, $t : town)
                then
                    findings.about(kcontext, $r).atLeastValue($r.washes(), 1).say("x", "x");
                end

                rule "13-collected"
                    @measure(13)
                when
                    $core : java.util.List(size > 0) from collect(RoadCleaning(zone == Zone.CORE))
                then
                    findings.about(kcontext, "core", "RoadCleaning", null).atLeastValue($core.size(), 3).say("x", "x");
                end

                rule "13-through-a-function"
                    @measure(13)
                when
                    $r : RoadCleaning(roadClass == RoadClass.BACK_LANE)
                then
                    findings.about(kcontext, $r).atLeastValue(sweepsOf($r), 1).say("x", "x");
                end
                """);
        CompiledPack pack = PackCompiler.compileFresh(RulePack.load(dir));
        List<Fact> facts = facts("""
                [{"type": "RoadCleaning", "road": "R-1", "roadClass": "MAIN", "zone": "CORE", "town": "东街街道",
                  "date": "2022-06-30", "washes": 0, "sweeps": 3},
                 {"type": "RoadCleaning", "road": "BL-2", "roadClass": "BACK_LANE", "zone": "CORE", "town": "南街街道",
                  "date": "2022-06-29", "sweeps": 2}]
                """);
        List<Finding> findings = pack.evaluate(facts, DAY, f -> "S-" + f.subject());

        Finding main = only(findings, "13-pattern-and-consequence");
        assertEquals(List.of(new Evidence("RoadCleaning", "R-1/2022-06-30", null, DAY,
                Map.of("roadClass", RoadClass.MAIN, "town", "东街街道", "washes", 0))), main.evidence());
        assertEquals(List.of("roadClass", "town", "washes"), List.copyOf(main.evidence().get(0).fields().keySet()),
                "fields in the record's order");

        Finding core = only(findings, "13-collected");
        assertEquals(List.of("R-1/2022-06-30", "BL-2/2022-06-29"), core.evidence().stream().map(Evidence::subject).sorted(java.util.Comparator.reverseOrder()).toList(),
                "both facts of the collected list");
        core.evidence().forEach(e -> assertEquals(List.of("zone"), List.copyOf(e.fields().keySet())));
        assertEquals(List.of("S-BL-2/2022-06-29", "S-R-1/2022-06-30"), core.evidence().stream().map(Evidence::submission).sorted().toList(),
                "a finding of no one submission names each fact's");

        Finding lane = only(findings, "13-through-a-function");
        assertEquals(List.of(new Evidence("RoadCleaning", "BL-2/2022-06-29", null, LocalDate.of(2022, 6, 29),
                Map.of("roadClass", RoadClass.BACK_LANE, "sweeps", 2))), lane.evidence());
    }

    @Test
    void evidenceIsInTheFindingsJsonBeforeTheSubmission() throws Exception {
        Evidence e = new Evidence("RoadCleaning", "R-1", null, DAY, new java.util.LinkedHashMap<>(Map.of("sweeps", 2)));
        Finding f = new Finding(13, "13-x", "R-1", "RoadCleaning", org.lantian.domain.Status.PASS, 3, 3, List.of("u"),
                new org.lantian.domain.Message("z", "e"), "d", new org.lantian.domain.Span(DAY, DAY), "S-1", null, List.of(e));
        String json = Json.MAPPER.writeValueAsString(f);
        assertTrue(json.endsWith(",\"evidence\":[{\"type\":\"RoadCleaning\",\"subject\":\"R-1\",\"day\":\"2022-06-30\","
                + "\"fields\":{\"sweeps\":2}}],\"submission\":\"S-1\"}"), json);
        assertEquals(f, Json.MAPPER.readValue(json, Finding.class).withSubmission("S-1"));
    }

    /**
     * Over every test case and sample of the bundled pack: each piece of evidence is true to a fact that was
     * evaluated (a rule that judges only sums or sets of names has none: its match holds no fact).
     */
    @TestFactory
    Stream<DynamicTest> everyPieceOfEvidenceIsAnEvaluatedFactAsItWas() throws Exception {
        CompiledPack pack = TestPacks.bundled();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : pack.pack().testFiles()) {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Problem> problems = new ArrayList<>();
            List<Fact> facts = new FactReader(org.lantian.TestPacks.ledger()).readFacts(doc.path("facts"), "/facts", problems);
            tests.add(trueToFacts(pack, "case " + file.getFileName(), facts, LocalDate.parse(doc.path("asOf").asText())));
        }
        try (Stream<Path> list = Files.list(Path.of("samples", "inspections"))) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Submission s = new FactReader(org.lantian.TestPacks.ledger()).readSubmission(Json.MAPPER.readTree(file.toFile()));
                tests.add(trueToFacts(pack, "sample " + file.getFileName(), s.facts(), DAY));
            }
        }
        return tests.stream();
    }

    private static DynamicTest trueToFacts(CompiledPack pack, String name, List<Fact> facts, LocalDate asOf) {
        return DynamicTest.dynamicTest(name, () -> {
            List<Finding> findings = pack.evaluate(facts, asOf);
            for (Finding f : findings) {
                assertNotNull(f.evidence(), f.rule() + " " + f.subject());
                // The references findings.jsonl writes, taken before the fields are read and after: the evidence's own.
                List<Evidence> before = references(f.evidence());
                for (Evidence e : f.evidence()) {
                    Fact fact = facts.stream().filter(x -> x.getClass().getSimpleName().equals(e.type())
                            && Objects.equals(x.subject(), e.subject()) && sameFields(x, e)).findFirst().orElse(null);
                    assertNotNull(fact, name + ": " + f.rule() + " " + f.subject() + ": evidence " + e + " is no evaluated fact");
                    Method day = EvidenceReader.day(fact.getClass());
                    assertEquals(day == null ? null : day.invoke(fact), e.day());
                    assertTrue(PackIndex.fieldsOf(fact.getClass()).containsAll(e.fields().keySet()));
                }
                List<Evidence> read = f.evidence().stream().map(e -> new Evidence(e.type(), e.subject(), e.submission(), e.day(), null)).toList();
                assertEquals(read, before, f.rule() + " " + f.subject());
                assertEquals(read, references(f.evidence()));
            }
            assertFalse(findings.isEmpty());
        });
    }

    private static List<Evidence> references(List<Evidence> evidence) {
        List<Evidence> out = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence instanceof Evidence.References refs ? refs.reference(i) : evidence.get(i);
            out.add(new Evidence(e.type(), e.subject(), e.submission(), e.day(), null));
        }
        return out;
    }

    private static boolean sameFields(Fact fact, Evidence e) {
        for (Map.Entry<String, Object> field : e.fields().entrySet()) {
            try {
                if (!Objects.equals(fact.getClass().getMethod(field.getKey()).invoke(fact), field.getValue())) return false;
            } catch (ReflectiveOperationException ex) {
                return false;
            }
        }
        return true;
    }

    private static Finding only(List<Finding> findings, String rule) {
        List<Finding> of = findings.stream().filter(f -> f.rule().equals(rule)).toList();
        assertEquals(1, of.size(), rule + ": " + findings);
        return of.get(0);
    }

    private static List<Fact> facts(String json) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Fact> facts = new FactReader(org.lantian.TestPacks.ledger()).readFacts(Json.MAPPER.readTree(json), "/facts", problems);
        assertEquals(List.of(), problems);
        return facts;
    }
}
