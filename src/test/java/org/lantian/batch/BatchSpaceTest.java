package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.service.EvaluationService;

/** A night its disk has no room for is refused before it starts; a night that fails leaves nothing beside its output. */
class BatchSpaceTest {
    @TempDir
    Path tmp;

    private static final List<String> FILES = List.of("findings.jsonl", "rejects.jsonl", "report.json", "report.html", "report.xlsx");

    private BatchRun batch(Path night, Path out, Progress progress) throws Exception {
        return new BatchRun(new BatchRun.Options(List.of(night), BatchRunTest.AS_OF, out, new EvaluationService(TestPacks.bundled()),
                BatchRunTest.registers(), 2, progress));
    }

    @Test
    void aNightItsDiskHasNoRoomForIsRefusedAndTouchesNothing() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 2000, 3, 0.01);
        Path out = tmp.resolve("out");
        List<byte[]> before = output(night, out);
        long needed = BatchRun.spaceNeeded(Files.size(night), Compression.NONE, false, 0);

        var e = assertThrows(BatchRun.OutputRefused.class, () -> batch(night, out, Progress.NONE).usableSpace(p -> needed - 1).run());
        assertTrue(e.getMessage().contains("needs about " + String.format(java.util.Locale.ROOT, "%,d MB", (needed + 999_999) / 1_000_000)),
                e.getMessage());
        assertTrue(e.getMessage().contains("--compress zstd"), "says what to do: " + e.getMessage());
        assertUnchanged(before, out);
        assertFalse(Files.exists(BatchRun.beside(out, BatchRun.WORK)), "no work folder");

        // compressed, the same night needs less
        long compressed = BatchRun.spaceNeeded(Files.size(night), Compression.ZSTD, false, 0);
        assertTrue(compressed < needed);
        batch(night, out, Progress.NONE).compress(Compression.ZSTD).usableSpace(p -> compressed).run();
        assertTrue(Files.exists(out.resolve("findings.jsonl.zst")));
    }

    @Test
    void theEstimateCoversWhatNightsWrite() throws Exception {
        for (long seed : List.of(5L, 11L)) {
            Path night = BatchRunTest.generated(tmp.resolve("night-" + seed + ".jsonl"), 3000, seed, 0.02);
            long input = Files.size(night);
            for (Compression c : List.of(Compression.NONE, Compression.GZIP)) {
                for (boolean all : List.of(false, true)) {
                    Path out = tmp.resolve("out-" + seed + c + all);
                    BatchRun.Result r = batch(night, out, Progress.NONE).compress(c).allMessages(all).run();
                    long reports = 0;
                    for (String f : List.of("rejects.jsonl", "report.json", "report.html", "report.xlsx")) reports += Files.size(out.resolve(f));
                    long findings = Files.size(out.resolve(c.file()));
                    // what is on the disk at once at the end: findings.jsonl, the lines written before it unless written whole
                    long peak = reports + findings + (all ? 0 : r.findingsBytes());
                    long estimate = BatchRun.spaceNeeded(input, c, all, 0);
                    assertTrue(peak <= estimate, seed + " " + c + " all=" + all + ": " + peak + " written, " + estimate + " foreseen");
                    assertTrue(estimate - BatchRun.REPORTS_BYTES <= 2.5 * (peak - reports), seed + " " + c + " all=" + all + ": " + estimate + " foreseen for " + peak + " written");
                }
            }
        }
    }

    @Test
    void aNightThatFailsLeavesThePreviousOutputAndNoWorkFolder() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 2000, 7, 0);
        Path out = tmp.resolve("out");
        List<byte[]> before = output(night, out);
        Progress failing = new Progress() {
            @Override
            public void records(long read) {
            }

            @Override
            public void step(String what) {
                if (what.startsWith("writing")) throw new IllegalStateException("the disk is full (a test)");
            }

            @Override
            public void close() {
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> batch(night, out, failing).run());
        assertEquals("the disk is full (a test)", e.getMessage());
        assertFalse(Files.exists(BatchRun.beside(out, BatchRun.WORK)), "the failed night's work folder is gone");
        assertUnchanged(before, out);
        try (Stream<Path> beside = Files.list(tmp)) {
            assertEquals(List.of("night.jsonl", "out"), beside.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Property
    void theSpaceNeededGrowsWithTheNightAndNeverOverflows(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long input,
                                                          @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long spilled) {
        for (Compression c : Compression.values()) {
            for (boolean all : List.of(false, true)) {
                long n = BatchRun.spaceNeeded(input, c, all, spilled);
                assertTrue(n >= BatchRun.REPORTS_BYTES && n >= Math.min(input, Long.MAX_VALUE / 2) / 2, n + " for " + input);
                assertTrue(BatchRun.spaceNeeded(input / 2, c, all, spilled / 2) <= n);
            }
        }
    }

    /** A night's output written into {@code out}, its files' bytes. */
    private List<byte[]> output(Path night, Path out) throws Exception {
        batch(night, out, Progress.NONE).run();
        return FILES.stream().map(f -> read(out.resolve(f))).toList();
    }

    private static void assertUnchanged(List<byte[]> before, Path out) {
        for (int i = 0; i < FILES.size(); i++) assertArrayEquals(before.get(i), read(out.resolve(FILES.get(i))), FILES.get(i));
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
