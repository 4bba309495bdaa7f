package org.lantian.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lantian.batch.BatchRun;
import org.lantian.batch.InputReader;
import org.lantian.batch.Origin;
import org.lantian.batch.Reject;
import org.lantian.domain.Fact;
import org.lantian.service.EvaluationService;

/**
 * The batch benchmark: on one generated file, in one process, (a) a plain Jackson parse — {@code readTree} of
 * every line, one thread, the yardstick of what reading JSON costs — (b) parse-only — read, validate and bind
 * every record with the batch's own reader and nothing else — and (c) the full batch; throughput of each,
 * their ratios and the peak heap of each (sampled every 20 ms).
 */
public final class Bench {
    /**
     * One measured phase: {@code peakHeap} is the most heap in use at any sample (garbage included),
     * {@code peakLive} the most left after a collection (what the run really holds); {@code batch} is the
     * batch's own result (null for parse-only); {@code jitNanos} and {@code gcNanos} the time the JIT compilers and
     * the collector spent during it (the JVM's own counts, all their threads together): a run that still pays for
     * compiling is not yet the warm figure; {@code cpuNanos} the CPU time of the whole process during it (over
     * {@code nanos}: how many cores it kept busy).
     */
    public record Phase(long records, long nanos, long peakHeap, long peakLive, BatchRun.Result batch, long jitNanos, long gcNanos,
                        long cpuNanos) {
        public double perSecond() {
            return records / (nanos / 1e9);
        }
    }

    private Bench() {
    }

    /** The batch's own reader on {@code threads} threads, with a sink that drops what it is given. */
    public static Phase parseOnly(EvaluationService service, List<Path> files, int threads) throws IOException {
        return measure(() -> {
            InputReader reader = new InputReader(service, InputReader.expand(files)).threads(threads);
            reader.read(new InputReader.Sink() {
                @Override
                public void fact(Fact fact, java.util.function.Supplier<String> json, Origin origin) {
                }

                @Override
                public void reject(Reject reject) {
                }
            });
            return new Outcome(reader.records(), null);
        });
    }

    /**
     * The yardstick: a plain single-threaded Jackson {@code readTree} of every line of the files, with a default
     * ObjectMapper and nothing else (no validation, no binding, no UTF-8 check of its own). Counts the lines read.
     */
    public static Phase plainParse(List<Path> files) throws IOException {
        ObjectMapper plain = new ObjectMapper();
        return measure(() -> {
            long lines = 0;
            for (Path file : InputReader.expand(files)) {
                // Bad bytes are replaced, not refused: the yardstick reads on where the batch rejects a line.
                try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.isBlank()) continue;
                        lines++;
                        try {
                            plain.readTree(line);
                        } catch (JsonProcessingException e) {
                            // a broken line is read as far as it goes, as any parser would
                        }
                    }
                }
            }
            return new Outcome(lines, null);
        });
    }

    public static Phase batch(BatchRun.Options options) throws IOException {
        return measure(() -> {
            BatchRun.Result r = new BatchRun(options).run();
            return new Outcome(r.report().records(), r);
        });
    }

    /** Heap in use right after the last collection of each heap pool, summed. */
    private static long afterCollection() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) sum += pool.getCollectionUsage().getUsed();
        }
        return sum;
    }

    private record Outcome(long records, BatchRun.Result batch) {
    }

    private interface Work {
        Outcome run() throws IOException;
    }

    private static Phase measure(Work work) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        AtomicLong live = new AtomicLong(afterCollection());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                live.accumulateAndGet(afterCollection(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long jit = jitMillis();
        long gc = gcMillis();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = work.run();
        } finally {
            sampler.interrupt();
        }
        long nanos = System.nanoTime() - start;
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Phase(outcome.records(), nanos, peak.get(), live.get(), outcome.batch(),
                (jitMillis() - jit) * 1_000_000, (gcMillis() - gc) * 1_000_000, cpuNanos() - cpu);
    }

    /** The CPU time of the whole process so far, all threads (-1 where the JVM does not say). */
    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Milliseconds the JIT compilers have spent so far (0 where the JVM does not count them). */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Milliseconds of collections so far, all collectors together. */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
        return sum;
    }
}
