package org.lantian.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lantian.batch.BatchRun;
import org.lantian.batch.InputReader;
import org.lantian.batch.NightReport;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.batch.TerminalProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lantian batch INPUT... --as-of DATE --out DIR}: the nightly run over every record of the day. */
@Command(name = "batch", description = {
        "Evaluate a night's records and write findings.jsonl, rejects.jsonl, report.json, report.html and report.xlsx.",
        "Exit 0 no FAIL, 1 a FAIL, 2 usage or pack error (nothing written), 3 a reject with --strict."})
final class BatchCommand implements Callable<Integer> {
    static final int REJECTED = 3;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Submission JSON files, JSON Lines files, <FactType>.csv files, or folders of them.")
    List<Path> inputs;

    @Option(names = "--as-of", paramLabel = "DATE", required = true, description = "Evaluation date YYYY-MM-DD.")
    String asOf;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--strict", description = "Exit 3 when any record is rejected.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Partitions evaluated at once (default: up to 2, the cores there are).")
    Integer threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        var date = Inputs.asOf(asOf);
        List<Path> files;
        try {
            files = InputReader.expand(inputs);
        } catch (NoSuchFileException e) {
            throw new Main.UserError(e.getFile() + ": no such file or folder");
        }
        if (files.isEmpty()) throw new Main.UserError("no .json, .jsonl or .csv files in " + inputs);
        var compiled = pack.compile();
        var registers = Registers.load(pack.dir(), compiled.ledger());
        int n = threads != null ? Math.max(1, threads) : Math.min(2, Runtime.getRuntime().availableProcessors());
        BatchRun.Result result;
        try (Progress progress = System.console() != null
                ? new TerminalProgress(System.err, BatchRun.estimateRecords(files)) : Progress.NONE) {
            result = new BatchRun(new BatchRun.Options(inputs, date, out, compiled, registers, n, progress)).run();
        } catch (IOException e) {
            throw new Main.UserError("batch failed: " + e);
        }
        NightReport r = result.report();
        output.err().println(summary(r, result));
        if (strict && r.rejects() > 0) return REJECTED;
        return r.anyFail() ? Main.FAILED : Main.OK;
    }

    static String summary(NightReport r, BatchRun.Result result) {
        double seconds = result.nanos() / 1e9;
        return String.format("batch %s: %,d records read, %,d facts evaluated, %,d duplicates, %,d rejects; findings %s;"
                        + " %.1f s (%,.0f records/s; read %.1f s, evaluate %.1f s, write %.1f s)",
                r.asOf(), r.records(), r.factsEvaluated(), r.duplicates(), r.rejects(),
                r.summary().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).collect(Collectors.joining(", ")),
                seconds, r.records() / Math.max(seconds, 1e-9), result.readNanos() / 1e9, result.evaluateNanos() / 1e9,
                result.writeNanos() / 1e9);
    }
}
