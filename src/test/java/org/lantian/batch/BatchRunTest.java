package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.service.EvaluationService;
import org.lantian.tools.NightGenerator;
import org.lantian.input.FactReader;
import org.lantian.input.Problem;

/** The batch on small nights: registers and NO_DATA, deduplication, rejects and determinism. */
class BatchRunTest {
    static final LocalDate AS_OF = LocalDate.of(2022, 6, 30);

    @TempDir
    Path tmp;

    static Registers registers() throws Exception {
        return Registers.load(TestPacks.BUNDLED, TestPacks.bundled().ledger());
    }

    /** Writes a generated night of 2022-06-30 (a tenth of its records violating a target, {@code malformed} of its lines malformed) to {@code file}. */
    static Path generated(Path file, int records, long seed, double malformed) throws Exception {
        try (OutputStream o = Files.newOutputStream(file)) {
            new NightGenerator(new NightGenerator.Options(records, AS_OF, seed, 0.1, malformed), registers()).write(o);
        }
        return file;
    }

    static BatchRun.Result batch(Path out, int threads, Path... inputs) throws Exception {
        return new BatchRun(new BatchRun.Options(List.of(inputs), AS_OF, out, new EvaluationService(TestPacks.bundled()), registers(), threads,
                Progress.NONE)).run();
    }

    /** The JSON lines of a file; of findings.jsonl, its findings ({@link FindingsFile}). */
    static List<JsonNode> lines(Path file) throws IOException {
        if (file.getFileName().toString().startsWith("findings.jsonl")) return new ArrayList<>(FindingsFile.readAll(file));
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) nodes.add(Json.MAPPER.readTree(line));
        return nodes;
    }

    static List<JsonNode> findings(Path out, String rule, String subject) throws IOException {
        return lines(out.resolve("findings.jsonl")).stream()
                .filter(f -> f.get("rule").asText().equals(rule) && f.get("subject").asText().equals(subject)).toList();
    }

    private Path write(String name, String content) throws IOException {
        Path file = tmp.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static final String ROAD_017 = "{\"type\":\"RoadCleaning\",\"submission\":\"S-1\",\"road\":\"R-017\",\"roadClass\":\"MAIN\","
            + "\"zone\":\"CORE\",\"town\":\"北街街道\",\"areaM2\":1000,\"mechanizedAreaM2\":990,\"sweeps\":3,\"upkeepShifts\":2,"
            + "\"washes\":1,\"wetSweeps\":2,\"date\":\"2022-06-30\",\"flushes\":2}";

    @Test
    void weatherCarriedByTwoSubmissionsCountsOnce() throws Exception {
        String weather = "{\"type\":\"WeatherDay\",\"date\":\"2022-06-28\",\"maxTempC\":30,\"alertLevel\":\"ORANGE\"}";
        Path a = write("a.json", "{\"submission\":\"S-A\",\"inspector\":\"INS-1\",\"facts\":[" + weather + ","
                + "{\"type\":\"Enterprise\",\"id\":\"QY-0160\",\"town\":\"北石店镇\",\"industry\":\"OTHER\",\"status\":\"OPERATING\","
                + "\"performanceGrade\":\"C\",\"permitValidUntil\":\"2024-12-31\"},"
                + "{\"type\":\"ProductionDay\",\"enterprise\":\"QY-0160\",\"date\":\"2022-06-28\",\"outputShare\":0.3}]}");
        Path b = write("b.json", "{\"submission\":\"S-B\",\"inspector\":\"INS-2\",\"facts\":[" + weather + "]}");
        Path out = tmp.resolve("out");
        batch(out, 1, a, b);
        List<JsonNode> cut = findings(out, "41-alert-day-reduction", "QY-0160/2022-06-28");
        assertEquals(1, cut.size(), cut.toString());
        assertEquals("FAIL", cut.get(0).get("status").asText());
        assertTrue(cut.get(0).get("message").get("zh").asText().startsWith("橙色预警日C级企业产量为正常的 30%，上限 0%"), cut.get(0).toString());
    }

    @Test
    void registeredSubjectsWithoutAReportAreNoDataAndMeasuresWithoutDataAreListed() throws Exception {
        Path in = write("night.jsonl", ROAD_017 + "\n");
        Path fleet = Path.of("samples/inspections/sanitation-fleet.json");
        Path out = tmp.resolve("out");
        NightReport report = batch(out, 1, in, fleet).report();

        // R-017 reported: its own findings, and no register finding for it.
        assertEquals("PASS", findings(out, "13-mechanised-sweeping-rate", "R-017/2022-06-30").get(0).get("status").asText());
        assertTrue(findings(out, "13-register-roads", "R-017").isEmpty());
        assertTrue(findings(out, "14-register-roads", "R-017").isEmpty());
        // R-003 must report for 13 and 14 and did not.
        JsonNode r003 = findings(out, "13-register-roads", "R-003").get(0);
        assertEquals("NO_DATA", r003.get("status").asText());
        assertEquals(List.of("东街街道", "区市容环卫中心"), Json.MAPPER.convertValue(r003.get("units"), List.class));
        assertTrue(r003.get("message").get("zh").asText().contains("凤台街"), r003.toString());
        assertEquals("NO_DATA", findings(out, "14-register-roads", "R-003").get(0).get("status").asText());
        // R-024 must report for measure 13 only.
        assertTrue(findings(out, "14-register-roads", "R-024").isEmpty());
        assertEquals(1, findings(out, "13-register-roads", "R-024").size());
        // The fleet's finding is about the whole fleet: it covers every registered vehicle that reported.
        assertTrue(findings(out, "7-register-sanitation-fleet", "晋E10001").isEmpty());
        assertEquals(1, findings(out, "7-electric-sanitation-vehicles", "sanitation-fleet").size());
        // No restaurant reported at all: measures 33-35 have no data; boilers are registered for 25 and 26.
        assertTrue(report.measuresWithoutData().containsAll(List.of(25, 26, 33, 34, 35)), report.measuresWithoutData().toString());
        assertFalse(report.measuresWithoutData().contains(13));
        assertEquals(40, lines(out.resolve("findings.jsonl")).stream()
                .filter(f -> f.get("rule").asText().equals("33-register-restaurants")).count(), "every registered restaurant");
        NightReport.RegisterCard roads = report.registers().stream().filter(r -> r.register().equals("roads")).findFirst().orElseThrow();
        assertEquals(56, roads.subjects());
        assertEquals(55, roads.unreported());
    }

    @Test
    void aSubmissionSeenTwiceCountsOnceAndDifferentContentUnderTheSameIdIsAConflict() throws Exception {
        String submission = "{\"submission\":\"S-9\",\"inspector\":\"INS-1\",\"facts\":[" + ROAD_017.replace("\"submission\":\"S-1\",", "") + "]}";
        Path a = write("a.json", submission);
        Path b = write("b.json", "{ \"inspector\": \"INS-1\", \"submission\": \"S-9\", \"facts\": ["
                + ROAD_017.replace("\"submission\":\"S-1\",", "") + "] }"); // same content, other layout
        Path c = write("c.json", submission.replace("\"sweeps\":3", "\"sweeps\":1"));
        Path bare = write("d.jsonl", ROAD_017 + "\n" + ROAD_017 + "\n" + ROAD_017.replace("\"washes\":1", "\"washes\":0") + "\n");
        Path out = tmp.resolve("out");
        NightReport report = batch(out, 1, a, b, c, bare).report();

        assertEquals(2, report.factsEvaluated(), "S-9 once and S-1 once");
        assertEquals(2, report.duplicates());
        List<JsonNode> rejects = lines(out.resolve("rejects.jsonl"));
        assertEquals(2, rejects.size(), rejects.toString());
        assertTrue(rejects.get(0).get("reasons").get(0).asText().startsWith("conflict: submission S-9 was already read from "),
                rejects.get(0).toString());
        assertEquals("S-9", rejects.get(0).get("submission").asText());
        assertTrue(rejects.get(1).get("reasons").get(0).asText().startsWith("conflict: RoadCleaning R-017/2022-06-30 of submission S-1"),
                rejects.get(1).toString());
        assertEquals(3, rejects.get(1).get("line").asInt());
        List<JsonNode> sweeps = findings(out, "13-daily-sweeps", "R-017/2022-06-30");
        assertEquals(List.of("S-1", "S-9"), sweeps.stream().map(f -> f.get("submission").asText()).toList());
        assertTrue(sweeps.stream().allMatch(f -> f.get("status").asText().equals("PASS")), "the conflicting versions were not used");
    }

    @Test
    void malformedRecordsAreRejectedWithCheckMessagesAndTheGoodOnesBesideThemAreKept() throws Exception {
        Path file = tmp.resolve("in").resolve("night.jsonl");
        Files.createDirectories(file.getParent());
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write((ROAD_017 + "\n").getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"RoadCleaning\",\"road\":\"R-003\",\"areaM2\":-5}\n".getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"Boat\",\"submission\":\"S-2\",\"name\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"seats\":\"many\"}\n".getBytes(StandardCharsets.UTF_8));
            o.write("not json at all\n".getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"Restaurant\",\"id\":\"CY-".getBytes(StandardCharsets.UTF_8));
            o.write(new byte[] {(byte) 0xC3, (byte) 0x28});
            o.write("\"}\n".getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"Restaurant\",\"id\":\"CY-1002\",\"name\":\"泽州羊汤馆\",\"operating\":true,\"purifierInstalled\":true}\n"
                    .getBytes(StandardCharsets.UTF_8));
            o.write("{\"type\":\"Restaurant\",\"id\":\"CY-9".getBytes(StandardCharsets.UTF_8)); // truncated last line
        }
        Path csv = write("RoadCleaning.csv", "road,roadClass,date,wetSweeps,flushes\nBL-1,BACK_LANE,2022-06-30,1,1\nBL-2,BACK_LANE,2022-06-30,twice,1\n");
        Path out = tmp.resolve("out");
        NightReport report = batch(out, 1, file, csv).report();

        assertEquals(10, report.records());
        assertEquals(3, report.factsEvaluated(), "R-017, CY-1002 and BL-1 are kept");
        List<JsonNode> rejects = lines(out.resolve("rejects.jsonl"));
        assertEquals(7, rejects.size(), rejects.toString());
        assertEquals(7, report.rejects());
        // The same problem text as check gives for the same fact.
        List<Problem> problems = new ArrayList<>();
        new FactReader(org.lantian.TestPacks.bundled().ledger()).readFact(Json.MAPPER.readTree("{\"type\":\"RoadCleaning\",\"road\":\"R-003\",\"areaM2\":-5}"), "", "line 2", problems);
        assertEquals(problems.get(0).describe(), rejects.get(0).get("reasons").get(0).asText());
        assertEquals(2, rejects.get(0).get("line").asInt());
        assertEquals(file.toString(), rejects.get(0).get("file").asText());
        assertTrue(rejects.get(1).get("reasons").get(0).asText().contains("one of the fact types"), rejects.get(1).toString());
        assertEquals("S-2", rejects.get(1).get("submission").asText());
        assertTrue(rejects.get(2).get("reasons").get(0).asText().contains("/seats"), rejects.get(2).toString());
        assertTrue(rejects.get(3).get("reasons").get(0).asText().startsWith("not valid JSON"), rejects.get(3).toString());
        assertTrue(rejects.get(4).get("reasons").get(0).asText().startsWith("not valid UTF-8"), rejects.get(4).toString());
        assertTrue(rejects.get(5).get("reasons").get(0).asText().contains("truncated"), rejects.get(5).toString());
        assertEquals(8, rejects.get(5).get("line").asInt());
        assertEquals(csv.toString(), rejects.get(6).get("file").asText());
        assertEquals(3, rejects.get(6).get("line").asInt());
        assertTrue(rejects.get(6).get("reasons").get(0).asText().contains("/wetSweeps"), rejects.get(6).toString());
        assertEquals(1, findings(out, "13-back-lane-wet-sweep", "BL-1/2022-06-30").size());
        assertEquals(1, findings(out, "33-purifier-installed", "CY-1002").size());
    }

    @Test
    void theSameNightGivesByteIdenticalOutputWhateverTheThreads() throws Exception {
        Path night = generated(tmp.resolve("night.jsonl"), 3000, 42, 0.01);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        Path three = tmp.resolve("three");
        batch(one, 1, night);
        batch(two, 2, night);
        batch(three, 3, night); // more threads than cores: reading and evaluating in other interleavings
        for (String name : List.of("findings.jsonl", "rejects.jsonl", "report.json", "report.html", "report.xlsx")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(two.resolve(name)), name);
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(three.resolve(name)), name);
        }
        assertFalse(Files.exists(BatchRun.beside(one.toAbsolutePath(), BatchRun.WORK)), "the work folder is removed");
        try (var files = Files.list(one)) {
            assertEquals(List.of("findings.jsonl", "rejects.jsonl", "report.html", "report.json", "report.xlsx"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the output folder holds the night's files only");
        }
        // A night this small is one partition: its findings sorted by measure, rule and subject, then the
        // registers' NO_DATA findings, sorted the same way.
        List<JsonNode> findings = lines(one.resolve("findings.jsonl"));
        int firstRegister = -1;
        for (int i = 1; i < findings.size(); i++) {
            JsonNode a = findings.get(i - 1);
            JsonNode b = findings.get(i);
            boolean register = b.get("rule").asText().contains("-register-");
            if (register && firstRegister < 0) {
                firstRegister = i;
                continue;
            }
            assertEquals(firstRegister >= 0, register, "register findings come last, finding " + (i + 1));
            int order = Integer.compare(a.get("measure").asInt(), b.get("measure").asInt());
            if (order == 0) order = a.get("rule").asText().compareTo(b.get("rule").asText());
            // Within a rule, PASS and NOT_APPLICABLE findings that share their other fields are listed together
            // where the first of them is (docs/findings.md): by subject among themselves.
            boolean together = List.of("status", "units", "period").stream().allMatch(k -> a.path(k).equals(b.path(k)));
            if (order == 0 && together) order = a.get("subject").asText().compareTo(b.get("subject").asText());
            assertTrue(order <= 0, "ordered by measure, rule, subject at finding " + (i + 1));
        }
        assertTrue(firstRegister > 0, "the night has evaluated findings and register findings");
    }

    @Test
    void aNightSplitIntoManyPartitionsHasTheSameFindingsAsInOne() throws Exception {
        Path night = generated(tmp.resolve("night.jsonl"), 3000, 43, 0.01);
        Path one = tmp.resolve("one");
        Path many = tmp.resolve("many");
        BatchRun whole = partitioned(one, Files.size(night) + 1, night);
        BatchRun split = partitioned(many, 8 << 10, night);
        assertEquals(1, whole.partitions());
        assertTrue(split.partitions() > 50, "split into " + split.partitions() + " partitions");
        List<String> a = Files.readAllLines(one.resolve("findings.jsonl"));
        List<String> b = Files.readAllLines(many.resolve("findings.jsonl"));
        assertNotEquals(a, b, "the lines come partition by partition");
        assertEquals(a.stream().sorted().toList(), b.stream().sorted().toList(), "the same findings");
        for (String name : List.of("rejects.jsonl", "report.json", "report.html")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(many.resolve(name)), name);
        }
    }

    /** A night run with every message and partitions of about this many bytes. */
    private static BatchRun partitioned(Path out, long partitionBytes, Path input) throws Exception {
        BatchRun run = new BatchRun(new BatchRun.Options(List.of(input), AS_OF, out, new EvaluationService(TestPacks.bundled()), registers(), 2,
                Progress.NONE)).allMessages(true).partitionBytes(partitionBytes);
        run.run();
        return run;
    }

    @Test
    void anOutputFolderInsideAnInputFolderIsNotReadAsInput() throws Exception {
        Path in = write("night.jsonl", ROAD_017 + "\n");
        Path out = in.getParent().resolve("out");
        batch(out, 1, in.getParent());
        NightReport again = batch(out, 1, in.getParent()).report();
        assertEquals(1, again.records(), "the first run's findings.jsonl and rejects.jsonl are not read");
        assertEquals(0, again.rejects());
    }

    @Test
    void theGeneratorIsDeterministicAndCoversEveryFactType() throws Exception {
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        for (Path p : List.of(a, b)) generated(p, 2000, 7, 0.001);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        String text = Files.readString(a, StandardCharsets.ISO_8859_1);
        for (String type : org.lantian.input.FactTypes.names()) {
            assertTrue(text.contains("\"type\":\"" + type + "\""), "the night has " + type);
        }
        // Every generated fact of every type is valid: only the deliberately broken lines are rejected.
        NightReport report = batch(tmp.resolve("out"), 1, a).report();
        assertTrue(report.rejects() <= 10, "rejects " + report.rejects());
    }
}
