package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.facts.RoadCleaning;
import org.lantian.service.EvaluationService;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/**
 * The spill's partitions kept in memory give back what they give back from files, and the night evaluated with them
 * writes the same bytes: in memory when the night's bytes are within the budget, in files above it.
 */
class SpillTest {
    @TempDir
    Path tmp;

    @Property(tries = 2_000)
    void aTextIsWrittenAsItsUtf8Bytes(@ForAll String text) throws Exception {
        BinaryOut out = BinaryOut.inMemory();
        out.writeUtf8(text);
        out.close();
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(out.take());
        assertEquals(expected.length, in.getInt());
        byte[] got = new byte[in.remaining()];
        in.get(got);
        assertArrayEquals(expected, got);
    }

    @Test
    void unpairedSurrogatesAndEveryWidthAreWrittenAsTheJdkWrites() throws Exception {
        for (String s : List.of("", "a", "é", "泽州路", "\uD83D\uDE00", "\uD83D", "\uDE00x", "x\uD83D", "\uDE00\uD83D", "\u0000\u07FF\u0800\uFFFF")) {
            aTextIsWrittenAsItsUtf8Bytes(s);
        }
    }

    @Test
    void aPartitionComesBackInOrderFromMemoryAsFromItsFile() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 3000, 5, 0);
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        List<Fact> facts = org.lantian.TestFacts.ofNight(service, night).facts();
        String big = "{\"type\":\"RoadCleaning\",\"road\":\"" + "路".repeat(30_000) + "\"}"; // longer than a chunk
        List<List<Spill.Entry>> read = new ArrayList<>();
        for (boolean inMemory : List.of(true, false)) {
            try (Spill spill = new Spill(tmp.resolve("partitions-" + inMemory), 3, inMemory)) {
                long line = 0;
                for (Fact f : facts) {
                    spill.add(f, null, new Origin(0, ++line, line % 3 == 0 ? null : "S-" + line, line % 2 == 0));
                    if (line % 1000 == 0) spill.add("R-1", RoadCleaning.class, big, new Origin(BatchRun.HISTORY, 0, "old-" + line, false));
                }
                spill.close();
                List<Spill.Entry> all = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    List<Spill.Entry> entries = spill.read(p);
                    assertEquals(spill.count(p), entries.size());
                    for (int i = 1; i < entries.size(); i++) {
                        if (entries.get(i).origin().file() == 0 && entries.get(i - 1).origin().file() == 0) {
                            assertTrue(entries.get(i - 1).origin().line() < entries.get(i).origin().line(), "input order");
                        }
                    }
                    all.addAll(entries);
                    spill.delete(p);
                }
                read.add(all);
                assertEquals(facts.size() + facts.size() / 1000, all.size());
            }
        }
        List<Spill.Entry> memory = read.get(0);
        List<Spill.Entry> files = read.get(1);
        for (int i = 0; i < memory.size(); i++) {
            Spill.Entry a = memory.get(i);
            Spill.Entry b = files.get(i);
            assertEquals(b.origin(), a.origin());
            assertEquals(b.fact(), a.fact());
            assertArrayEquals(b.json(), a.json());
        }
        assertTrue(memory.stream().anyMatch(e -> e.json() != null && new String(e.json(), StandardCharsets.UTF_8).equals(big)));
    }

    private static final List<String> FILES = List.of("findings.jsonl", "rejects.jsonl", "report.json", "report.html", "report.xlsx");

    @Test
    void aNightInMemoryWritesTheBytesItWritesFromFiles() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 3000, 17, 0.01);
        for (long partitionBytes : List.of(8L << 10, 1L << 20)) {
            for (boolean all : List.of(false, true)) {
                Path memory = tmp.resolve("memory-" + partitionBytes + all);
                Path files = tmp.resolve("files-" + partitionBytes + all);
                BatchRun a = run(night, memory, partitionBytes, all, Long.MAX_VALUE);
                BatchRun b = run(night, files, partitionBytes, all, 0);
                assertTrue(a.partitionsInMemory());
                assertFalse(b.partitionsInMemory());
                assertEquals(a.partitions(), b.partitions());
                for (String f : FILES) assertArrayEquals(Files.readAllBytes(files.resolve(f)), Files.readAllBytes(memory.resolve(f)), f);
            }
        }
    }

    @Test
    void aNightJustOverTheBudgetGoesToFiles() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 500, 3, 0);
        long size = Files.size(night);
        assertTrue(run(night, tmp.resolve("at"), BatchRun.PARTITION_BYTES, false, size).partitionsInMemory());
        assertFalse(run(night, tmp.resolve("over"), BatchRun.PARTITION_BYTES, false, size - 1).partitionsInMemory());
    }

    @Test
    void aNightWithHistoryInMemoryWritesTheBytesItWritesFromFiles() throws Exception {
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 1000, 9, 0);
        List<Path> outs = new ArrayList<>();
        for (long budget : List.of(Long.MAX_VALUE, 0L)) {
            try (Store store = Store.open(TestDatabases.fresh("h2", tmp))) {
                for (var n : PeriodEndHistoryTest.NIGHTS.subList(0, 2)) {
                    new BatchRun(new BatchRun.Options(List.of(PeriodEndHistoryTest.night(tmp, n)), java.time.LocalDate.parse(n.get(0)),
                            tmp.resolve("out-" + n.get(0)), service, BatchRunTest.registers(), 2, Progress.NONE).withStore(store)).run();
                }
                Path out = tmp.resolve("history-" + budget);
                BatchRun run = new BatchRun(new BatchRun.Options(List.of(night), BatchRunTest.AS_OF, out, service, BatchRunTest.registers(), 2,
                        Progress.NONE).withStore(store)).partitionBytes(8 << 10).memoryBudget(budget);
                assertTrue(run.run().report().history().loaded() > 0, "history was loaded");
                assertEquals(budget > 0, run.partitionsInMemory());
                outs.add(out);
            }
        }
        for (String f : FILES) assertArrayEquals(Files.readAllBytes(outs.get(1).resolve(f)), Files.readAllBytes(outs.get(0).resolve(f)), f);
    }

    private static BatchRun run(Path night, Path out, long partitionBytes, boolean all, long budget) throws Exception {
        BatchRun run = new BatchRun(new BatchRun.Options(List.of(night), BatchRunTest.AS_OF, out, new EvaluationService(TestPacks.bundled()),
                BatchRunTest.registers(), 2, Progress.NONE)).allMessages(all).partitionBytes(partitionBytes).memoryBudget(budget);
        run.run();
        return run;
    }
}
