package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.pack.RulePack;

/** A rule that throws fails the evaluation with its name and facts; an evaluation out of time is stopped. */
public class EvaluationFailureTest {
    static final LocalDate AS_OF = LocalDate.of(2022, 6, 30);

    private static CompiledPack bad;
    private static Path badDir;

    /** Compiled once for the test run (compiling takes seconds). */
    public static synchronized CompiledPack packWithBadRules() throws Exception {
        if (bad == null) {
            badDir = Files.createTempDirectory("lantian-bad-pack");
            bad = packWithBadRules(badDir);
        }
        return bad;
    }

    public static synchronized Path badPackDir() throws Exception {
        packWithBadRules();
        return badDir;
    }

    static final String BOOM = "{\"submission\":\"S-B\",\"inspector\":\"INS-07\",\"facts\":["
            + "{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"seats\":10},{\"type\":\"Restaurant\",\"id\":\"CY-BOOM\"}]}";

    @Test
    void checkExits2NamingTheRule(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("boom.json"), BOOM);
        var run = org.lantian.cli.Lantian.lantian("check", file.toString(), "--as-of", "2022-06-30", "--rules", badPackDir().toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("rule 33-throws-on-boom failed on CY-BOOM"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void theBatchRejectsTheRecordARuleFailsOnAndEvaluatesTheRest(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path night = Files.writeString(tmp.resolve("night.jsonl"), """
                {"type":"Restaurant","submission":"S-1","id":"CY-1","seats":10}
                {"type":"Restaurant","submission":"S-1","id":"CY-BOOM"}
                {"type":"Restaurant","submission":"S-2","id":"CY-2","seats":10}
                """);
        Path out = tmp.resolve("out");
        var result = new org.lantian.batch.BatchRun(new org.lantian.batch.BatchRun.Options(List.of(night), AS_OF, out,
                new org.lantian.service.EvaluationService(packWithBadRules()), org.lantian.batch.Registers.load(badPackDir(), packWithBadRules().ledger()), 1,
                org.lantian.batch.Progress.NONE)).run();
        assertEquals(1, result.report().rejects());
        assertEquals(2, result.report().factsEvaluated());
        var reject = org.lantian.Json.MAPPER.readTree(Files.readString(out.resolve("rejects.jsonl")));
        assertEquals(2, reject.get("line").asInt());
        assertEquals("S-1", reject.get("submission").asText());
        assertTrue(reject.get("reasons").get(0).asText().contains("rule 33-throws-on-boom failed on CY-BOOM"), reject.toString());
        String findings = org.lantian.batch.FindingsFile.readAll(out.resolve("findings.jsonl")).toString();
        assertTrue(findings.contains("\"subject\":\"CY-1\"") && findings.contains("\"subject\":\"CY-2\""));
        assertTrue(!findings.contains("CY-BOOM"));
    }

    /** The bundled pack plus one rule that throws on restaurant CY-BOOM and one that loops while CY-SLOW is there. */
    static CompiledPack packWithBadRules(Path dir) throws Exception {
        Path pack = TestPacks.copyOfBundled(dir);
        Files.writeString(pack.resolve("99-bad.drl"), """
                package lantian.chengqu;
                import org.lantian.domain.facts.*;
                global org.lantian.engine.FindingCollector findings;
                rule "33-throws-on-boom"
                    @measure(33)
                when
                    $r : Restaurant(id == "CY-BOOM")
                then
                    throw new IllegalStateException("boom");
                end
                rule "33-fires-forever-on-slow"
                    @measure(33)
                when
                    $r : Restaurant(id == "CY-SLOW")
                then
                    update($r);
                end
                """);
        return PackCompiler.compile(RulePack.load(pack));
    }

    static Fact restaurant(String id) throws Exception {
        List<org.lantian.input.Problem> problems = new java.util.ArrayList<>();
        Fact f = new org.lantian.input.FactReader(TestPacks.ledger()).readFact(org.lantian.Json.MAPPER.readTree(
                "{\"type\":\"Restaurant\",\"id\":\"" + id + "\",\"town\":\"北街街道\",\"seats\":10,\"burners\":2,\"operating\":true}"),
                "", "test", problems);
        assertEquals(List.of(), problems);
        return f;
    }

    @Test
    void aRuleThatThrowsIsNamedWithTheFactItFiredOn() throws Exception {
        CompiledPack pack = packWithBadRules();
        List<Fact> facts = List.of(restaurant("CY-1"), restaurant("CY-BOOM"));
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class, () -> pack.evaluate(facts, AS_OF));
        assertEquals("33-throws-on-boom", e.rule());
        assertEquals(List.of(facts.get(1)), e.facts());
        assertTrue(e.getMessage().startsWith("rule 33-throws-on-boom failed on CY-BOOM (IllegalStateException: boom)"), e.getMessage());
        // Without the bad fact the same session type evaluates.
        assertTrue(pack.evaluate(List.of(restaurant("CY-1")), AS_OF).size() > 0);
    }

    @Test
    void anEvaluationRunningPastItsLimitIsStopped() throws Exception {
        CompiledPack pack = packWithBadRules();
        long start = System.nanoTime();
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class,
                () -> pack.evaluate(List.of(restaurant("CY-SLOW")), AS_OF, f -> null, Duration.ofMillis(300)));
        assertTrue(e.timedOut());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "stopped within seconds");
    }
}
