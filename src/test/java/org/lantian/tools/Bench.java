package org.lantian.tools;

import java.io.IOException;
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
 * The batch benchmark: on one generated file, in one process, (a) parse-only — read and bind every record
 * with the batch's own reader and nothing else — and (b) the full batch; throughput of each, their ratio
 * and the peak heap of each (sampled every 20 ms).
 */
public final class Bench {
    /**
     * One measured phase: {@code peakHeap} is the most heap in use at any sample (garbage included),
     * {@code peakLive} the most left after a collection (what the run really holds); {@code batch} is the
     * batch's own result (null for parse-only).
     */
    public record Phase(long records, long nanos, long peakHeap, long peakLive, BatchRun.Result batch) {
        public double perSecond() {
            return records / (nanos / 1e9);
        }
    }

    private Bench() {
    }

    public static Phase parseOnly(EvaluationService service, List<Path> files) throws IOException {
        return measure(() -> {
            InputReader reader = new InputReader(service, InputReader.expand(files));
            reader.read(new InputReader.Sink() {
                @Override
                public void fact(Fact fact, String json, Origin origin) {
                }

                @Override
                public void reject(Reject reject) {
                }
            });
            return new Outcome(reader.records(), null);
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
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = work.run();
        } finally {
            sampler.interrupt();
        }
        long nanos = System.nanoTime() - start;
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Phase(outcome.records(), nanos, peak.get(), live.get(), outcome.batch());
    }
}
