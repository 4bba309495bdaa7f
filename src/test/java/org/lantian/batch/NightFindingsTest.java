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
 * The night's findings.jsonl contract (docs/findings.md): a header with each rule's fields, PASS and
 * NOT_APPLICABLE findings listed by rule without message and evidence, every other finding on a line of its
 * own with its message and its evidence as references; read back ({@link FindingsFile}) it is the same
 * findings, for every test case and sample; {@code lantian explain} gives every finding back whole; compressed
 * files hold the same bytes; the file stays within 1.5 times the input's bytes.
 */
class NightFindingsTest {
    @TempDir
    Path tmp;

    private static final List<String> READ = List.of("FAIL", "PENDING", "WARN", "NO_DATA", "WAIVED");

    private static BatchRun.Result batch(Path out, LocalDate asOf, boolean all, Compression c, List<Path> inputs) throws Exception {
        return new BatchRun(new BatchRun.Options(inputs, asOf, out, new EvaluationService(TestPacks.bundled()), BatchRunTest.registers(), 2,
                Progress.NONE)).allMessages(all).compress(c).run();
    }

    /** The night's file read back is the whole findings, in the same order, but for what the contract leaves out. */
    private static void assertTheSameFindings(Path night, Path whole, String what) throws Exception {
        List<ObjectNode> a = FindingsFile.readAll(night.resolve("findings.jsonl"));
        List<String> b = Files.readAllLines(whole.resolve("findings.jsonl"));
        assertEquals(b.size(), a.size(), what + ": the same findings");
        for (int i = 0; i < a.size(); i++) {
            ObjectNode full = (ObjectNode) Json.MAPPER.readTree(b.get(i));
            String status = full.get("status").asText();
            assertTrue(full.has("message") && full.has("evidence"), what + " finding " + (i + 1) + ": the whole finding has both");
            assertEquals(Json.MAPPER.writeValueAsString(FindingsFile.asListed(full)), Json.MAPPER.writeValueAsString(a.get(i)),
                    what + " finding " + (i + 1) + " (" + status + ")");
            assertEquals(READ.contains(status), a.get(i).has("message"), what + ": a message for the statuses that need reading");
        }
        for (String name : List.of("rejects.jsonl", "report.json", "report.html", "report.xlsx")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(night.resolve(name)),
                    what + ": " + name + " is complete either way");
        }
    }

    /** The file's shape: a header naming the format and every rule, rule-listed PASS and NOT_APPLICABLE, other lines readable alone. */
    private static void assertTheShape(Path file, String what) throws Exception {
        List<String> lines = Files.readAllLines(file);
        JsonNode header = Json.MAPPER.readTree(lines.get(0));
        assertEquals(FindingsFile.FORMAT, header.get("format").asText(), what);
        for (String line : lines.subList(1, lines.size())) {
            JsonNode n = Json.MAPPER.readTree(line);
            String status = n.get("status").asText();
            assertTrue(header.get("rules").has(n.get("rule").asText()), what + ": the header lists " + n.get("rule"));
            if (n.has("findings")) {
                assertTrue(status.equals("PASS") || status.equals("NOT_APPLICABLE"), what + ": " + line);
                assertTrue(n.get("findings").size() >= 1 && n.get("findings").size() <= FindingLines.GROUP, what + ": " + line);
                assertFalse(n.has("message") || n.has("evidence") || n.has("subject"), what + ": " + line);
            } else {
                assertTrue(READ.contains(status), what + ": only the statuses that need reading have lines of their own: " + line);
                assertTrue(n.has("subject") && n.get("message").has("zh") && n.get("message").has("en"), what + ": readable alone: " + line);
                for (JsonNode e : n.path("evidence")) assertFalse(e.has("fields"), what + ": evidence as references: " + line);
            }
        }
    }

    @Test
    void everyTestCaseReadsBackAsItsFindingsButForWhatTheFileLeavesOut() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(TestPacks.BUNDLED.resolve("tests"))) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(cases.size() > 50, "the pack's test cases");
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        int listed = 0;
        for (Path c : cases) {
            JsonNode test = Json.MAPPER.readTree(c.toFile());
            List<org.lantian.input.Problem> problems = new ArrayList<>();
            var facts = service.validateFacts(test.get("facts"), "/facts", problems);
            LocalDate asOf = LocalDate.parse(test.path("asOf").asText("2022-06-30"));
            List<Ranked> block = new ArrayList<>();
            for (var f : service.evaluate(facts, asOf, fact -> "S-1")) block.add(Ranked.of(f));
            block.sort(Ranked.ORDER);
            // The batch's way from findings to findings.jsonl, and to the whole file of --all-messages.
            Path file = tmp.resolve(c.getFileName() + ".jsonl");
            List<org.lantian.domain.Finding> order = new ArrayList<>();
            var body = new java.io.ByteArrayOutputStream();
            var wholeBody = new java.io.ByteArrayOutputStream();
            FindingLines lines = new FindingLines(body, false);
            lines.write(block, order::add);
            lines.flush();
            FindingLines whole = new FindingLines(wholeBody, true);
            List<org.lantian.domain.Finding> wholeOrder = new ArrayList<>();
            whole.write(block, wholeOrder::add);
            whole.flush();
            assertEquals(order, wholeOrder, c.getFileName() + ": the same order either way");
            try (var out = Files.newOutputStream(file)) {
                lines.header(out);
                body.writeTo(out);
            }
            assertTheShape(file, c.getFileName().toString());
            List<ObjectNode> read = FindingsFile.readAll(file);
            List<String> wholeLines = wholeBody.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(order.size(), read.size(), c.getFileName() + ": every finding");
            for (int i = 0; i < order.size(); i++) {
                var f = order.get(i);
                ObjectNode expected = (ObjectNode) Json.MAPPER.valueToTree(f);
                assertEquals(Json.MAPPER.writeValueAsString(f), wholeLines.get(i), c.getFileName() + ": --all-messages writes it whole");
                assertEquals(Json.MAPPER.writeValueAsString(FindingsFile.asListed(expected)), Json.MAPPER.writeValueAsString(read.get(i)),
                        c.getFileName() + ": " + f.rule() + " " + f.subject() + " (" + f.status() + ")");
                if (FindingLines.listed(f)) listed++;
            }
        }
        assertTrue(listed > 100, "test cases have PASS findings: " + listed);
    }

    @Test
    void everySampleReadsBackAsItsFindingsAndExplainGivesEveryFindingBackWhole() throws Exception {
        List<Path> samples = new ArrayList<>(List.of(Path.of("samples/night-2022-06-30"), Path.of("samples/inspections")));
        try (Stream<Path> nights = Files.list(Path.of("samples/week-2022-06-27"))) {
            nights.sorted().forEach(samples::add);
        }
        for (Path sample : samples) {
            String day = sample.getFileName().toString();
            LocalDate asOf = day.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(day) : LocalDate.of(2022, 6, 30);
            Path a = tmp.resolve(day).resolve("night");
            Path b = tmp.resolve(day).resolve("whole");
            long nightBytes = batch(a, asOf, false, Compression.NONE, List.of(sample)).findingsBytes();
            long wholeBytes = batch(b, asOf, true, Compression.NONE, List.of(sample)).findingsBytes();
            assertEquals(Files.size(a.resolve("findings.jsonl")), nightBytes, sample + ": the bytes it says");
            assertEquals(Files.size(b.resolve("findings.jsonl")), wholeBytes, sample + ": the bytes it says, whole");
            assertTheShape(a.resolve("findings.jsonl"), sample.toString());
            assertTheSameFindings(a, b, sample.toString());

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
    void aGeneratedNightsFindingsAreAtMostOneAndAHalfTimesItsInput() throws Exception {
        Path input = tmp.resolve("generated.jsonl");
        BatchRunTest.generated(input, 20_000, 1, 0.001);
        Path out = tmp.resolve("generated");
        BatchRun.Result r = batch(out, LocalDate.of(2022, 6, 30), false, Compression.NONE, List.of(input));
        long in = Files.size(input);
        assertEquals(Files.size(out.resolve("findings.jsonl")), r.findingsBytes());
        assertTrue(r.report().findings() > 2L * r.report().records(), "a night of many findings: " + r.report().findings());
        double ratio = (double) r.findingsBytes() / in;
        assertTrue(ratio <= 1.5, "findings.jsonl is " + ratio + " times the input's bytes");
        assertEquals(r.report().findings(), FindingsFile.readAll(out.resolve("findings.jsonl")).size());
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
    void explainReadsANightWrittenWithTheEarlierLargerPartitions() throws Exception {
        Path input = tmp.resolve("night.jsonl");
        BatchRunTest.generated(input, 6_000, 5, 0.001);
        assertTrue(Files.size(input) > BatchRun.PARTITION_BYTES && Files.size(input) < BatchRun.EARLIER_PARTITION_BYTES,
                "a night of several partitions now and one before: " + Files.size(input));
        Path before = tmp.resolve("before");
        Path whole = tmp.resolve("whole");
        for (Path out : List.of(before, whole)) {
            new BatchRun(new BatchRun.Options(List.of(input), LocalDate.of(2022, 6, 30), out, new EvaluationService(TestPacks.bundled()),
                    BatchRunTest.registers(), 2, Progress.NONE)).allMessages(out == whole).partitionBytes(BatchRun.EARLIER_PARTITION_BYTES).run();
        }
        Run explained = lantian("explain", before.resolve("findings.jsonl").toString(), "--no-history");
        assertEquals(0, explained.code(), explained.err());
        assertEquals(Files.readString(whole.resolve("findings.jsonl")), explained.out(), "every finding whole, in the night's order");
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
            assertEquals(expected.length, batch(one, asOf, false, c, night).findingsBytes(), c + ": the bytes uncompressed");
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
