package org.lantian.tools;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.HashSet;
import java.util.Set;
import org.lantian.batch.BatchRun;
import org.lantian.batch.InputReader;
import org.lantian.batch.Origin;
import org.lantian.batch.Reject;
import org.lantian.domain.Fact;
import org.lantian.cli.Main;
import org.lantian.cli.Output;
import org.lantian.cli.PackOption;
import org.lantian.cli.ThreadsOption;
import org.lantian.service.EvaluationService;
import org.lantian.store.History;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.store.Store;
import org.lantian.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lantian bench-history}: fills a store with a year of generated nights through the batch (each judged
 * with its history and recorded), then times the next nights with their history against the same nights
 * with {@code --no-history}, in one process (docs/performance.md, "History").
 */
@Command(name = "bench-history", description = {
        "Fill a store with --nights generated nights (their valid records recorded as history), then time the --as-of "
                + "nights with history against --no-history, alternately, --repeat times each.",
        "Prints a table of the runs and the ratio of the fastest runs with and without history."})
final class HistoryBenchCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "URL", required = true, description = "The store to fill and judge with (JDBC URL).")
    String db;

    @Option(names = "--nights", defaultValue = "365", description = "Nights to fill, ending on --until; a night the store "
            + "has recorded already is skipped, so the same command measures a filled store again (0: fill none; default ${DEFAULT-VALUE}).")
    int nights;

    @Option(names = "--until", defaultValue = "2022-06-28", description = "The last night filled (default ${DEFAULT-VALUE}).")
    String until;

    @Option(names = "--records", defaultValue = "10000", description = "Records a night (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--as-of", paramLabel = "DATE", split = ",", defaultValue = "2022-06-29,2022-06-30",
            description = "The nights measured, in order (default ${DEFAULT-VALUE}: a Wednesday, then the last day of a quarter).")
    List<String> asOf;

    @Option(names = "--fill-batched", description = "Fill by running the whole batch on each night (slow) instead of "
            + "recording each night's valid records directly (the default; re-sent and conflicting bare facts are then recorded as read).")
    boolean batched;

    @Option(names = "--only", paramLabel = "MODE", description = "Run only this mode, history or alone (--no-history), "
            + "e.g. to profile it; default both.")
    String only;

    @Option(names = "--forget", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Before each "
            + "run with history, forget the facts and scores the measured night and later ones recorded, so that every run "
            + "records its night as the real night does (default; the cases the first run opened stay, as a judged year's "
            + "would); --no-forget: the later runs are re-runs and record nothing.")
    boolean forget;

    @Option(names = "--cold", description = "Time each run as a whole `lantian batch` process (a cold JVM, as a real night runs), "
            + "the store closed meanwhile and the night forgotten before each run with history, untimed; JAVA_OPTS is passed on.")
    boolean cold;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs of each night and mode (default ${DEFAULT-VALUE}; 0: "
            + "fill the store and measure nothing).")
    int repeat;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the generated nights and outputs (default: a temporary one, deleted).")
    Path work;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        var compiled = new EvaluationService(pack.compile());
        var registers = Registers.load(pack.dir(), compiled.pack().ledger());
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("lantian-bench-history-");
        LocalDate last = LocalDate.parse(until);
        List<LocalDate> measured = new ArrayList<>();
        for (String d : asOf) measured.add(LocalDate.parse(d));
        try (Store store = open(db)) {
            long start = System.nanoTime();
            long[] phases = new long[3]; // generating, reading, storing: where the filling goes
            // A night is recorded in one transaction: a day the store has is a whole night, filled by an earlier run.
            Set<LocalDate> filled = nights == 0 ? Set.of() : new HashSet<>(store.history().days(last.minusDays(nights - 1), last));
            int skipped = 0;
            for (int i = 0; i < nights; i++) {
                LocalDate day = last.minusDays(nights - 1 - i);
                if (filled.contains(day)) {
                    skipped++;
                    continue;
                }
                long t0 = System.nanoTime();
                Path night = generate(dir, day, registers);
                long t1 = System.nanoTime();
                phases[0] += t1 - t0;
                if (batched) {
                    new BatchRun(options(night, day, dir.resolve("out"), compiled, registers).withStore(store)).run();
                    phases[1] += System.nanoTime() - t1;
                } else {
                    record(compiled, store, night, day, threads.count(), phases);
                }
                Files.delete(night);
                if ((i + 1) % 10 == 0 || i + 1 == nights) {
                    output.err().printf("filled %d/%d nights (to %s) in %.0f s: generating %.0f s, reading %.0f s, storing %.0f s; load average %s%n",
                            i + 1, nights, day, (System.nanoTime() - start) / 1e9, phases[0] / 1e9, phases[1] / 1e9, phases[2] / 1e9,
                            BenchCommand.loadAverage());
                    output.err().flush();
                }
            }
            output.out().printf("store %s: %d nights of %,d records filled (%d of them before, skipped) in %.0f s; max heap %,d MB; "
                    + "%d threads; load average %s%n%n", store.describe(), nights, records, skipped, (System.nanoTime() - start) / 1e9, Runtime.getRuntime().maxMemory() >> 20, threads.count(), BenchCommand.loadAverage());
            if (repeat <= 0) return Main.OK;
            if (cold) {
                store.close(); // the nights' processes open it
                output.out().println("| night | mode | time |");
                output.out().println("| --- | --- | --- |");
            } else {
                output.out().println("| night | mode | time | read + load / evaluate / write | CPU of the JVM | records/s | history facts loaded | recorded | peak heap (after GC) |");
                output.out().println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            }
            for (LocalDate day : measured) {
                Path night = generate(dir, day, registers);
                if (cold) {
                    cold(day, night, dir.resolve("out"));
                    continue;
                }
                Bench.batch(options(night, day, dir.resolve("out"), compiled, registers)); // warm-up
                long alone = Long.MAX_VALUE;
                long with = Long.MAX_VALUE;
                for (int r = 0; r < repeat; r++) {
                    if (!"history".equals(only)) {
                        long cpu = cpu();
                        Bench.Phase a = Bench.batch(options(night, day, dir.resolve("out"), compiled, registers));
                        print(day, "--no-history", a, cpu() - cpu);
                        alone = Math.min(alone, a.nanos());
                    }
                    if (!"alone".equals(only)) {
                        if (forget) org.lantian.store.BenchNights.forgetFrom(store, day);
                        long cpu = cpu();
                        Bench.Phase h = Bench.batch(options(night, day, dir.resolve("out"), compiled, registers).withStore(store));
                        print(day, "history", h, cpu() - cpu);
                        with = Math.min(with, h.nanos());
                    }
                }
                if (only != null) continue;
                output.out().printf("%n%s: fastest with history %.2f s, alone %.2f s: ratio %.2f (target <= %d: %s); load average %s%n%n", day,
                        with / 1e9, alone / 1e9, (double) with / alone, target(day), quarterEnd(day) ? "the night a quarter ends" : "a night",
                        BenchCommand.loadAverage());
                output.out().flush();
            }
        } finally {
            if (work == null) BatchRun.deleteTree(dir);
        }
        return Main.OK;
    }

    /**
     * Runs the night as whole processes, with history and with {@code --no-history} in turn, and prints each run's wall
     * time and the ratio of the medians: what a district's night takes from start to exit, the JVM's start, the pack's
     * loading and the store's opening included.
     */
    private void cold(LocalDate day, Path night, Path out) throws Exception {
        List<Long> alone = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        for (int r = 0; r <= repeat; r++) { // the first of each is a warm-up of the disk's cache, not counted
            if (!"history".equals(only)) {
                long t = process(night, day, out, "--no-history");
                if (r > 0) alone.add(t);
                output.out().printf("| %s | --no-history, cold | %.2f s |%s%n", day, t / 1e9, r == 0 ? " warm-up" : "");
            }
            if (!"alone".equals(only)) {
                if (forget) {
                    try (Store store = open(db)) {
                        org.lantian.store.BenchNights.forgetFrom(store, day);
                    }
                }
                long t = process(night, day, out, "--db", db);
                if (r > 0) with.add(t);
                output.out().printf("| %s | history, cold | %.2f s |%s%n", day, t / 1e9, r == 0 ? " warm-up" : "");
            }
            output.out().flush();
        }
        if (only != null) return;
        output.out().printf("%n%s, cold: median with history %.2f s, alone %.2f s: ratio %.2f (target <= %d); load average %s%n%n", day,
                median(with) / 1e9, median(alone) / 1e9, (double) median(with) / median(alone), target(day), BenchCommand.loadAverage());
    }

    private static boolean quarterEnd(LocalDate day) {
        return day.equals(day.with(java.time.temporal.IsoFields.DAY_OF_QUARTER, day.range(java.time.temporal.IsoFields.DAY_OF_QUARTER).getMaximum()));
    }

    /** The bound on the ratio: 3 on the night a quarter ends, else 2. */
    private static int target(LocalDate day) {
        return quarterEnd(day) ? 3 : 2;
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Wall time of one {@code lantian batch} process (exit 0 or 1, FAIL findings, is a night run through). */
    private long process(Path night, LocalDate day, Path out, String... store) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("lantian.home", ".")).resolve("lantian").toString(),
                "batch", night.toString(), "--as-of", day.toString(), "--out", out.toString()));
        command.addAll(List.of(store));
        Path log = out.resolveSibling("cold.log");
        long t = System.nanoTime();
        int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        t = System.nanoTime() - t;
        if (exit > 1) throw new IllegalStateException("lantian batch exited with " + exit + ": see " + log);
        return t;
    }

    /** CPU time of the whole JVM (all threads, the collector's too): less sensitive to a busy machine than the wall clock. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void print(LocalDate day, String mode, Bench.Phase p, long cpu) {
        var h = p.batch().report().history();
        var b = p.batch();
        output.out().printf("| %s | %s | %.2f s | %.1f / %.1f / %.1f s | %.1f s | %,.0f | %s | %s | %d MB (%d MB) |%n", day, mode, p.nanos() / 1e9,
                b.readNanos() / 1e9, b.evaluateNanos() / 1e9, b.writeNanos() / 1e9, cpu / 1e9, p.perSecond(),
                h == null ? "" : String.format("%,d", h.loaded()), p.batch().recorded() < 0 ? "" : String.format("%,d", p.batch().recorded()),
                p.peakHeap() >> 20, p.peakLive() >> 20);
        output.out().flush();
    }

    /** Records a night's valid facts under their submissions (the night's id for bare facts without one), read as the batch reads them. */
    private static void record(EvaluationService service, Store store, Path night, LocalDate day, int threads, long[] phases) throws Exception {
        long t0 = System.nanoTime();
        List<String[]> ids = new ArrayList<>();
        List<History.Entry> entries = new ArrayList<>();
        new InputReader(service, List.of(night), List.of()).threads(threads).read(new InputReader.Sink() {
            @Override
            public void fact(Fact fact, java.util.function.Supplier<String> json, Origin origin) {
                ids.add(new String[] {origin.submission() == null ? BatchRun.nightId(day) : origin.submission()});
                entries.add(History.Entry.of(fact, day));
            }

            @Override
            public void reject(Reject reject) {
            }
        });
        long t1 = System.nanoTime();
        phases[1] += t1 - t0;
        Set<String> submissions = new HashSet<>();
        for (String[] id : ids) submissions.add(id[0]);
        // One transaction a night, the rows sent in JDBC batches (History.Night), as the batch records a night.
        try (History.Night n = store.history().night(day, submissions)) {
            for (int i = 0; i < entries.size(); i++) n.add(ids.get(i)[0], entries.get(i));
            n.commit();
        }
        phases[2] += System.nanoTime() - t1;
    }

    private BatchRun.Options options(Path night, LocalDate day, Path out, EvaluationService compiled, Registers registers) {
        return new BatchRun.Options(List.of(night), day, out, compiled, registers, threads.count(), Progress.NONE);
    }

    private Path generate(Path dir, LocalDate day, Registers registers) throws Exception {
        Path night = dir.resolve("night-" + day + ".jsonl");
        try (OutputStream o = Files.newOutputStream(night)) {
            new NightGenerator(new NightGenerator.Options(records, day, day.toEpochDay(), 0.1, 0.001), registers).write(o);
        }
        return night;
    }

    private static Store open(String url) throws Main.UserError {
        try {
            return Store.open(url, 4);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        }
    }
}
