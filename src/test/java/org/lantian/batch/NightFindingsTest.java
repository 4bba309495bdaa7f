package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.cli.Lantian.Run;
import org.lantian.service.EvaluationService;

/**
 * The night's findings.jsonl contract (docs/findings.md): PASS and NOT_APPLICABLE findings without message and
 * evidence, every other finding whole; nothing else changes, for every test case and sample; {@code lantian
 * explain} gives every finding back whole; compressed files hold the same bytes.
 */
class NightFindingsTest {
    @TempDir
    Path tmp;

    private static BatchRun.Result batch(Path out, LocalDate asOf, boolean all, Compression c, List<Path> inputs) throws Exception {
        return new BatchRun(new BatchRun.Options(inputs, asOf, out, new EvaluationService(TestPacks.bundled()), BatchRunTest.registers(), 2,
                Progress.NONE)).allMessages(all).compress(c).run();
    }

    /** Every line of the night's file is the whole line, but for the message and evidence of a PASS or NOT_APPLICABLE. */
    private static void assertOnlyPassMessagesLeftOut(Path night, Path whole, String what) throws Exception {
        List<String> a = Files.readAllLines(night.resolve("findings.jsonl"));
        List<String> b = Files.readAllLines(whole.resolve("findings.jsonl"));
        assertEquals(b.size(), a.size(), what + ": the same findings");
        for (int i = 0; i < a.size(); i++) {
            ObjectNode full = (ObjectNode) Json.MAPPER.readTree(b.get(i));
            String status = full.get("status").asText();
            assertTrue(full.has("message") && full.has("evidence"), what + " line " + (i + 1) + ": the whole finding has both");
            if (status.equals("PASS") || status.equals("NOT_APPLICABLE")) {
                full.remove("message");
                full.remove("evidence");
            }
            assertEquals(Json.MAPPER.writeValueAsString(full), a.get(i), what + " line " + (i + 1) + " (" + status + ")");
        }
        for (String name : List.of("rejects.jsonl", "report.json", "report.html", "report.xlsx")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(night.resolve(name)),
                    what + ": " + name + " is complete either way");
        }
    }

    @Test
    void everyTestCaseLosesOnlyItsPassMessagesAndEvidenceInTheNightsLines() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(TestPacks.BUNDLED.resolve("tests"))) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(cases.size() > 50, "the pack's test cases");
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        FindingBytes bytes = new FindingBytes();
        int shortened = 0;
        for (Path c : cases) {
            JsonNode test = Json.MAPPER.readTree(c.toFile());
            List<org.lantian.input.Problem> problems = new ArrayList<>();
            var facts = service.validateFacts(test.get("facts"), "/facts", problems);
            LocalDate asOf = LocalDate.parse(test.path("asOf").asText("2022-06-30"));
            for (var f : service.evaluate(facts, asOf, fact -> "S-1")) {
                // The batch's way from a finding to its line in findings.jsonl.
                byte[] whole = bytes.of(f);
                var out = new java.io.ByteArrayOutputStream();
                Ranked.of(f, whole).line().writeTo(out);
                ObjectNode expected = (ObjectNode) Json.MAPPER.readTree(whole);
                String status = f.status().name();
                if (status.equals("PASS") || status.equals("NOT_APPLICABLE")) {
                    expected.remove("message");
                    expected.remove("evidence");
                    shortened++;
                }
                assertEquals(Json.MAPPER.writeValueAsString(expected), out.toString(StandardCharsets.UTF_8),
                        c.getFileName() + ": " + f.rule() + " " + f.subject() + " (" + status + ")");
            }
        }
        assertTrue(shortened > 100, "test cases have PASS findings: " + shortened);
    }

    @Test
    void everySampleLosesOnlyItsPassMessagesAndExplainGivesEveryFindingBackWhole() throws Exception {
        List<Path> samples = new ArrayList<>(List.of(Path.of("samples/night-2022-06-30"), Path.of("samples/inspections")));
        try (Stream<Path> nights = Files.list(Path.of("samples/week-2022-06-27"))) {
            nights.sorted().forEach(samples::add);
        }
        for (Path sample : samples) {
            String day = sample.getFileName().toString();
            LocalDate asOf = day.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(day) : LocalDate.of(2022, 6, 30);
            Path a = tmp.resolve(day).resolve("night");
            Path b = tmp.resolve(day).resolve("whole");
            batch(a, asOf, false, Compression.NONE, List.of(sample));
            batch(b, asOf, true, Compression.NONE, List.of(sample));
            assertOnlyPassMessagesLeftOut(a, b, sample.toString());

            Run explained = lantian("explain", a.resolve("findings.jsonl").toString(), "--no-history");
            assertEquals(0, explained.code(), explained.err());
            assertEquals(Files.readString(b.resolve("findings.jsonl")), explained.out(), sample + ": explain gives every finding whole");
        }
        Path night = tmp.resolve("night-2022-06-30").resolve("night").resolve("findings.jsonl");
        Run one = lantian("explain", night.toString(), "--no-history", "--rule", "13-daily-sweeps", "--subject", "R-001",
                "--format", "text", "--lang", "en");
        assertEquals(0, one.code(), one.err());
        assertEquals("13 13-daily-sweeps R-001/2022-06-30 PASS: Swept 3 times that day, target at least 3\n", one.out());
    }

    @Test
    void explainSaysSoWhenTheNightJudgedAgainDiffers() throws Exception {
        Path input = tmp.resolve("night.jsonl");
        Files.copy(Path.of("samples/night-2022-06-30/night.jsonl"), input);
        Path out = tmp.resolve("out");
        batch(out, LocalDate.of(2022, 6, 30), false, Compression.NONE, List.of(input));
        Run other = lantian("explain", out.resolve("findings.jsonl").toString(), "--no-history", "--as-of", "2022-07-05");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("the night judged again differs"), other.err());
        Files.writeString(input, "changed\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Run changed = lantian("explain", out.resolve("findings.jsonl").toString(), "--no-history");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("is not there as it was"), changed.err());
    }

    @Test
    void compressedFindingsHoldTheSameBytesAndAreDeterministic() throws Exception {
        List<Path> night = List.of(Path.of("samples/night-2022-06-30"));
        LocalDate asOf = LocalDate.of(2022, 6, 30);
        Path plain = tmp.resolve("plain");
        BatchRun.Result r = batch(plain, asOf, false, Compression.NONE, night);
        byte[] expected = Files.readAllBytes(plain.resolve("findings.jsonl"));
        assertEquals(expected.length, r.findingsBytes());
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
            Path one = tmp.resolve(c + "-1");
            Path two = tmp.resolve(c + "-2");
            batch(one, asOf, false, c, night);
            batch(two, asOf, false, c, night);
            assertFalse(Files.exists(one.resolve("findings.jsonl")), c + ": only the compressed file");
            try (InputStream in = Compression.read(one.resolve(c.file()))) {
                assertArrayEquals(expected, in.readAllBytes(), c + " holds the same findings");
            }
            assertTrue(Files.size(one.resolve(c.file())) * 4 < expected.length, c + " compresses");
            assertArrayEquals(Files.readAllBytes(one.resolve(c.file())), Files.readAllBytes(two.resolve(c.file())), c + " is deterministic");
            Run explained = lantian("explain", one.resolve(c.file()).toString(), "--no-history", "--status", "FAIL");
            assertEquals(0, explained.code(), explained.err());
            assertTrue(explained.out().lines().count() > 10 && explained.out().lines().allMatch(l -> l.contains("\"FAIL\"")));
        }
    }
}
