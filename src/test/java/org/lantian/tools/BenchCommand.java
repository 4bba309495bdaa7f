package org.lantian.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.batch.BatchRun;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.cli.Main;
import org.lantian.cli.Output;
import org.lantian.cli.PackOption;
import org.lantian.cli.ThreadsOption;
import org.lantian.service.EvaluationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian bench}: the full batch against a plain Jackson parse and against parse-only on one generated night (docs/performance.md). */
@Command(name = "bench", description = "Benchmark the batch: a plain Jackson parse, the batch's parse-only and the full batch on one generated night; throughput, both ratios, findings size and peak heap.")
final class BenchCommand implements Callable<Integer> {
    /** The JIT's share of a pass's time below which the JVM counts as warm. */
    static final double WARM_JIT_SHARE = 0.05;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "Records to generate (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--as-of", paramLabel = "DATE", defaultValue = "2022-06-30", description = "The night's date (default: ${DEFAULT-VALUE}).")
    LocalDate date;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input", paramLabel = "FILE", description = "Use this night instead of generating one.")
    Path input;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the generated night and the batch output go (default: a temporary folder, removed after).")
    Path work;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "200000",
            description = "Records of the separate warm-up night, run until the JIT has settled (default: ${DEFAULT-VALUE}).")
    long warmUp;

    @Option(names = "--warm-up-passes", paramLabel = "N", defaultValue = "30",
            description = "Warm-up passes at most (default: ${DEFAULT-VALUE}).")
    int warmUpPasses;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the batch N times, each between parse-only runs, and compare the fastest of each (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        var service = new EvaluationService(pack.compile());
        var registers = Registers.load(pack.dir(), service.pack().ledger());
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("lantian-bench") : Files.createDirectories(work);
        try {
            Path night = input;
            if (night == null) {
                night = dir.resolve("night.jsonl");
                long start = System.nanoTime();
                new NightGenerator(new NightGenerator.Options(records, date, seed, 0.1, 0.001), registers).write(night);
                output.err().printf("bench: generated %s (%,d MB) in %.1f s%n", night, Files.size(night) >> 20,
                        (System.nanoTime() - start) / 1e9);
            }
            int n = threads.count();
            // Warm-up on a night of its own, repeated until the JIT has settled, so that no measured run pays for compiling:
            // the batch runs far more code than a parse (the engine, 104 rules, the writers), and with one C2 compiler
            // thread on 2 cores a single short warm-up left it compiling through the next two batches.
            Path warm = dir.resolve("warm-up.jsonl");
            new NightGenerator(new NightGenerator.Options(warmUp, date, seed + 1, 0.1, 0.001), registers).write(warm);
            for (int pass = 1; pass <= warmUpPasses; pass++) {
                long jit = Bench.jitMillis();
                long start = System.nanoTime();
                Bench.plainParse(List.of(warm));
                Bench.parseOnly(service, List.of(warm), n);
                Bench.Phase b = Bench.batch(new BatchRun.Options(List.of(warm), date, dir.resolve("warm-up"), service, registers, n, Progress.NONE));
                double share = (Bench.jitMillis() - jit) * 1e6 / (System.nanoTime() - start);
                output.err().printf("bench: warm-up pass %d: batch of %,d records in %.1f s; JIT %.0f%% of the pass%n", pass,
                        b.records(), b.nanos() / 1e9, 100 * share);
                BatchRun.deleteTree(dir.resolve("warm-up"));
                if (share < WARM_JIT_SHARE) break;
            }
            Files.delete(warm);
            // The plain parse and parse-only run before and after each batch and the fastest runs count: on a shared
            // machine a busy moment slows any run down, never speeds it up, so the fastest is the closest to the truth.
            Bench.Phase plain = Bench.plainParse(List.of(night));
            line("plain parse", plain);
            Bench.Phase parse = Bench.parseOnly(service, List.of(night), n);
            line("parse-only", parse);
            Bench.Phase batch = null;
            for (int i = 0; i < Math.max(1, repeat); i++) {
                Bench.Phase b = Bench.batch(new BatchRun.Options(List.of(night), date, dir.resolve("out"), service, registers, n,
                        Progress.NONE));
                line("full batch", b);
                if (batch == null || b.perSecond() > batch.perSecond()) batch = b;
                Bench.Phase again = Bench.plainParse(List.of(night));
                line("plain parse", again);
                if (again.perSecond() > plain.perSecond()) plain = again;
                again = Bench.parseOnly(service, List.of(night), n);
                line("parse-only", again);
                if (again.perSecond() > parse.perSecond()) parse = again;
            }
            int runs = Math.max(1, repeat);
            long input = Files.size(night);
            long findings = batch.batch().findingsBytes();
            // Both ratios of times on the same file: the plain parse counts lines, the batch records (a submission
            // object's line holds several), so records/s of the two are not the same unit.
            output.out().printf("ratio       %.0f%% of the plain parse (target >= 30%%): the fastest of %d full batch(es) against the fastest of %d"
                            + " plain Jackson readTree runs (one thread) of the same file, by time%n", 100.0 * plain.nanos() / batch.nanos(), runs, runs + 1);
            output.out().printf("ratio       %.0f%% of parse-only: the same batch against the fastest of %d runs of the batch's own reader"
                            + " (read, validate, bind; %d thread(s)), by time%n", 100.0 * parse.nanos() / batch.nanos(), runs + 1, n);
            output.out().printf("findings    %,d bytes = %.2fx the input's %,d bytes (target <= 1.5x uncompressed)%n", findings,
                    (double) findings / input, input);
            output.out().printf("machine     max heap %,d MB; %d cores, %d threads; load average %s%n", Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors(), n, loadAverage());
            return Main.OK;
        } finally {
            if (temporary) BatchRun.deleteTree(dir);
        }
    }

    /** The load average of the last 1, 5 and 15 minutes, as uptime prints it (figures on a shared machine need it). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void line(String name, Bench.Phase p) {
        output.out().printf("%-11s %,d " + (p.batch() == null && name.startsWith("plain") ? "lines" : "records") + " in %.1f s = %,.0f a second; peak heap %,d MB, after GC %,d MB%s%n", name, p.records(),
                p.nanos() / 1e9, p.perSecond(), p.peakHeap() >> 20, p.peakLive() >> 20, (p.batch() == null ? "" : String.format(" (read %.1f s, evaluate %.1f s, write %.1f s)",
                        p.batch().readNanos() / 1e9, p.batch().evaluateNanos() / 1e9, p.batch().writeNanos() / 1e9))
                + String.format("; JIT %.1f s, GC %.1f s; CPU %.1f s (%.2f cores)", p.jitNanos() / 1e9, p.gcNanos() / 1e9,
                        p.cpuNanos() / 1e9, (double) p.cpuNanos() / p.nanos()));
    }
}
