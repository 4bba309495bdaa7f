package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.tools.NightGenerator;
import org.lantian.cli.Lantian.Run;
import org.lantian.cli.Main;

/** {@code lantian batch} exit codes and summary, and a run killed mid-way then run again. */
class BatchCliTest {
    @TempDir
    Path tmp;

    private static final String PASSING_ROAD = "{\"type\":\"RoadCleaning\",\"road\":\"BL-1\",\"roadClass\":\"BACK_LANE\","
            + "\"date\":\"2022-06-30\",\"wetSweeps\":1,\"flushes\":1}\n";

    @Test
    void exitCodesZeroOneTwoAndThreeWithStrict() throws IOException {
        Path good = Files.writeString(tmp.resolve("good.jsonl"), PASSING_ROAD);
        Run ok = lantian("batch", "--no-history", good.toString(), "--as-of", "2022-06-30", "--out", tmp.resolve("a").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("1 records read, 1 facts evaluated, 0 duplicates, 0 rejects"), ok.err());
        assertTrue(ok.err().contains("NO_DATA"), "registered subjects without a report are counted: " + ok.err());

        Path withReject = Files.writeString(tmp.resolve("reject.jsonl"), PASSING_ROAD + "{oops\n");
        assertEquals(0, lantian("batch", "--no-history", withReject.toString(), "--as-of", "2022-06-30", "--out", tmp.resolve("b").toString()).code());
        assertEquals(3, lantian("batch", "--no-history", withReject.toString(), "--as-of", "2022-06-30", "--out", tmp.resolve("c").toString(),
                "--strict").code());

        Run failing = lantian("batch", "--no-history", "samples/inspections", "--as-of", "2022-06-30", "--out", tmp.resolve("d").toString());
        assertEquals(1, failing.code(), failing.err());

        Path nothing = tmp.resolve("e");
        Run missing = lantian("batch", "--no-history", tmp.resolve("missing.jsonl").toString(), "--as-of", "2022-06-30", "--out", nothing.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing.jsonl: no such file or folder"), missing.err());
        assertFalse(Files.exists(nothing), "nothing written on a usage error");
        Run badPack = lantian("batch", "--no-history", good.toString(), "--as-of", "2022-06-30", "--out", nothing.toString(), "--rules",
                tmp.resolve("no-pack").toString());
        assertEquals(2, badPack.code());
        assertFalse(Files.exists(nothing));
        assertEquals(2, lantian("batch", "--no-history", good.toString(), "--out", nothing.toString()).code(), "--as-of is required");
    }

    @Test
    void aRegisterNamingAnUnknownMeasureIsAPackError() throws IOException {
        Path pack = TestPacks.copyOfBundled(tmp.resolve("pack"));
        Files.writeString(pack.resolve("registers/roads.csv"), "subject,name,town,type,measures\nR-1,泽州路,北街街道,RoadCleaning,13 99\n");
        Path good = Files.writeString(tmp.resolve("good.jsonl"), PASSING_ROAD);
        Run r = lantian("batch", "--no-history", good.toString(), "--as-of", "2022-06-30", "--out", tmp.resolve("o").toString(), "--rules", pack.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("roads.csv:2: measure 99 is not a measure of the ledger"), r.err());
    }

    @Test
    void aKilledRunLeavesNoReportThatLooksCompleteAndARerunGivesTheSameResult() throws Exception {
        Path night = tmp.resolve("night.jsonl");
        try (OutputStream o = Files.newOutputStream(night)) {
            new NightGenerator(new NightGenerator.Options(20_000, BatchRunTest.AS_OF, 3, 0.1, 0.001), BatchRunTest.registers()).write(o);
        }
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "batch", "--no-history",
                night.toString(), "--as-of", "2022-06-30", "--out", out.toString(), "--rules", TestPacks.BUNDLED.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        // the work folder's rejects.jsonl: the night is being read (its partitions are in memory, a night this small)
        Path started = BatchRun.beside(out.toAbsolutePath(), BatchRun.WORK).resolve("rejects.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && !Files.exists(started) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(p.isAlive(), "killed while running: " + Files.readString(tmp.resolve("killed.log")));
        Thread.sleep(300);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        for (String name : List.of("report.json", "findings.jsonl", "rejects.jsonl", "report.html", "report.xlsx")) {
            assertFalse(Files.exists(out.resolve(name)), name + " is not there after the kill");
        }

        BatchRunTest.batch(out, 2, night);
        Path clean = tmp.resolve("clean");
        BatchRunTest.batch(clean, 1, night);
        for (String name : List.of("findings.jsonl", "rejects.jsonl", "report.json")) {
            assertArrayEquals(Files.readAllBytes(clean.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        assertFalse(Files.exists(BatchRun.beside(out.toAbsolutePath(), BatchRun.WORK)), "the killed run's work folder is cleared");
    }

    @Test
    void aKilledRerunLeavesThePreviousNightWholeNeverMixedWithTheNewOne() throws Exception {
        Path night = tmp.resolve("night.jsonl");
        try (OutputStream o = Files.newOutputStream(night)) {
            new NightGenerator(new NightGenerator.Options(20_000, BatchRunTest.AS_OF, 5, 0.1, 0.001), BatchRunTest.registers()).write(o);
        }
        Path small = Files.writeString(tmp.resolve("small.jsonl"), PASSING_ROAD);
        Path out = tmp.resolve("out");
        BatchRunTest.batch(out, 1, small);
        Map<String, byte[]> before = new java.util.TreeMap<>();
        try (var files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) before.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        assertEquals(5, before.size(), before.keySet().toString());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "batch", "--no-history",
                night.toString(), "--as-of", "2022-06-30", "--out", out.toString(), "--rules", TestPacks.BUNDLED.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        Path work = BatchRun.beside(out.toAbsolutePath(), BatchRun.WORK);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Killed once findings.jsonl of the new night is being written: before, the old night's files stayed beside it.
        while (p.isAlive() && !(Files.exists(work.resolve(NightWriter.BODY)) && Files.size(work.resolve(NightWriter.BODY)) > 0)
                && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(p.isAlive(), "killed while running: " + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        Map<String, byte[]> after = new java.util.TreeMap<>();
        try (var files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) after.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) assertArrayEquals(before.get(name), after.get(name), name + " is the previous night's");

        BatchRunTest.batch(out, 1, small);
        assertFalse(Files.exists(work), "the killed run's work folder is cleared");
    }

    @Test
    void anOutputFolderWithOtherFilesIsRefusedNotReplaced() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("thesis.docx"), "years of work");
        Path good = Files.writeString(tmp.resolve("good.jsonl"), PASSING_ROAD);
        Run r = lantian("batch", "--no-history", good.toString(), "--as-of", "2022-06-30", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds other files than a night's output (thesis.docx)"), r.err());
        assertEquals("years of work", Files.readString(out.resolve("thesis.docx")));
    }
}
