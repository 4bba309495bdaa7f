package org.lantian.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.batch.BatchRun;
import org.lantian.batch.NightReport;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.input.FactReader;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.input.StrictJson;

/**
 * Issue 16: a corrupted night. Lines are the facts of the samples and pack test cases, each a bare fact of
 * its own submission, many of them mutated like the fuzzed submissions. Judged line by line by the one
 * validation step, every good line must be evaluated and every bad one must be in rejects.jsonl with its
 * file and line; the night must end (no exception, no line lost or counted twice).
 */
class CorruptedNightTest {
    static final FuzzCounts COUNTS = new FuzzCounts("corrupted nights (lines)");
    private static final FactReader READER = new FactReader(TestPacks.ledger());

    @Provide
    Arbitrary<List<Hostile.Case>> nights() {
        // UTF-16 holds 0x0A bytes: one line would become several.
        return Hostile.cases().filter(c -> c.bytesOp() != 6).list().ofMinSize(100).ofMaxSize(300);
    }

    @Property(tries = 4)
    void everyGoodRecordIsEvaluatedAndEveryBadOneRejectedWithFileAndLine(
            @ForAll("nights") List<Hostile.Case> cases) throws Exception {
        Path dir = Files.createTempDirectory("lantian-corrupted-night");
        Path night = dir.resolve("night.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeSet<Long> bad = new TreeSet<>();
        long good = 0;
        long lineNo = 0;
        Set<Fact> context = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            byte[] line = i == 0 ? Hostile.bytes(new Hostile.Case(0, List.of(), 0, 0)) : cases.get(i).bytes();
            line = bareFact(line, "N-" + i);
            if (new String(line, StandardCharsets.ISO_8859_1).contains("\n")) continue;
            out.write(line);
            out.write('\n');
            lineNo++;
            switch (judge(line, context)) {
                case 1 -> good++;
                case -1 -> bad.add(lineNo);
                default -> { } // blank, or a copy of context already read (the batch keeps one): no new fact
            }
        }
        Files.write(night, out.toByteArray());
        Path outDir = dir.resolve("out");
        NightReport report = new BatchRun(new BatchRun.Options(List.of(night), ValidationAndEngineFuzzTest.AS_OF, outDir,
                new org.lantian.service.EvaluationService(TestPacks.bundled()), Registers.load(TestPacks.BUNDLED, TestPacks.bundled().ledger()), 2, Progress.NONE))
                .run().report();
        TreeSet<Long> rejected = new TreeSet<>();
        for (String l : Files.readAllLines(outDir.resolve("rejects.jsonl"))) {
            JsonNode r = Json.MAPPER.readTree(l);
            assertEquals(night.toString(), r.get("file").asText());
            assertTrue(rejected.add(r.get("line").asLong()), "one reject a line: " + l);
        }
        assertEquals(bad, rejected, "the rejected lines are the bad ones");
        assertEquals(good, report.factsEvaluated(), "every good line is evaluated");
        COUNTS.tried.addAndGet(good + bad.size());
        COUNTS.accepted.addAndGet(good);
        COUNTS.refused.addAndGet(bad.size());
        BatchRun.deleteTree(dir);
    }

    /**
     * A submission's first fact (whatever it became) as a line of its own, an object given its own submission id;
     * a document that does not parse, or has no facts left, stays as it is (one record, rejected as a whole).
     */
    private static byte[] bareFact(byte[] submission, String id) {
        try {
            JsonNode doc = StrictJson.parse(submission);
            JsonNode facts = doc.path("facts");
            if (!facts.isArray() || facts.isEmpty()) return submission;
            JsonNode fact = facts.get(0);
            if (fact instanceof ObjectNode o) o.put("submission", id);
            return fact.toString().replace(Hostile.LONE, "\\ud800").getBytes(StandardCharsets.UTF_8);
        } catch (InvalidInputException e) {
            return submission;
        }
    }

    /**
     * 1 a good record, -1 a bad one, 0 a blank line or a good copy of a context fact (weather) already in
     * {@code context}; as the batch reads a JSON Lines line, by the one validation step.
     */
    private static int judge(byte[] line, Set<Fact> context) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return -1;
        }
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        if (text.isBlank()) return 0;
        try {
            JsonNode node = StrictJson.parse(text);
            if (node.isObject() && node.has("type")) {
                List<Problem> problems = new ArrayList<>();
                JsonNode id = node.get("submission");
                if (id != null && !id.isNull() && READER.checkId(id, "/submission", "line") != null) return -1;
                Fact fact = READER.readFact(node, "", "line", problems);
                if (fact == null || !problems.isEmpty()) return -1;
                return fact.getClass().isAnnotationPresent(Context.class) && !context.add(fact) ? 0 : 1;
            }
            READER.readSubmission(node); // a broken line that is not a bare fact is read as a submission object
            return 1;
        } catch (InvalidInputException e) {
            return -1;
        }
    }

    @AfterContainer
    static void report() {
        COUNTS.report();
    }
}
