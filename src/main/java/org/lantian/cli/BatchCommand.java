package org.lantian.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lantian.batch.BatchRun;
import org.lantian.batch.InputReader;
import org.lantian.batch.NightReport;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.batch.TerminalProgress;
import org.lantian.engine.CompiledPack;
import org.lantian.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lantian batch INPUT... --as-of DATE --out DIR}: the nightly run over every record of the day;
 * with {@code --db URL} instead of INPUT, over every submission the store holds for the day.
 */
@Command(name = "batch", description = {
        "Evaluate a night's records (INPUT files, or the day's submissions in the store with --db) and write "
                + "findings.jsonl, rejects.jsonl, report.json, report.html and report.xlsx.",
        "Exit 0 no FAIL, 1 a FAIL, 2 usage, pack or store error (nothing written), 3 a reject with --strict."})
final class BatchCommand implements Callable<Integer> {
    static final int REJECTED = 3;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Submission JSON files, JSON Lines files, <FactType>.csv files, or folders of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--db", paramLabel = "URL",
            description = "Instead of INPUT: read the submissions posted on the --as-of day (Asia/Shanghai) from the store "
                    + "at this JDBC URL (as serve's --db).")
    String db;

    @Option(names = "--as-of", paramLabel = "DATE", required = true,
            description = "Evaluation date YYYY-MM-DD (with --db also the day whose submissions are read).")
    String asOf;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--strict", description = "Exit 3 when any record is rejected.")
    boolean strict;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        var date = Inputs.asOf(asOf);
        if (db != null && !inputs.isEmpty()) throw new Main.UserError("give INPUT files or --db, not both");
        if (db == null && inputs.isEmpty()) throw new Main.UserError("give INPUT files or folders, or --db URL");
        List<Path> files = List.of();
        if (db == null) {
            try {
                files = InputReader.expand(inputs);
            } catch (NoSuchFileException e) {
                throw new Main.UserError(e.getFile() + ": no such file or folder");
            }
            if (files.isEmpty()) throw new Main.UserError("no .json, .jsonl or .csv files in " + inputs);
        }
        var compiled = pack.compile();
        var registers = Registers.load(pack.dir(), compiled.ledger());
        int n = threads.count();
        if (db == null) return run(inputs, files, Path::toString, date, compiled, registers, n);

        // The day is exported, in id order, into one JSON Lines file that the batch reads like any other;
        // reports and rejects name the store (line numbers count the day's submissions in id order).
        Path tmp = Files.createTempDirectory("lantian-batch-");
        try (Store store = DbOption.openExisting(db)) {
            Path day = tmp.resolve("store-" + date + ".jsonl");
            export(store, date, day);
            String name = store.describe() + " (posted on " + date + ")";
            return run(List.of(day), List.of(day), f -> name, date, compiled, registers, n);
        } finally {
            BatchRun.deleteTree(tmp);
        }
    }

    private int run(List<Path> inputs, List<Path> files, Function<Path, String> names, LocalDate date, CompiledPack compiled,
                    Registers registers, int n) throws Main.UserError, IOException {
        BatchRun.Result result;
        try (Progress progress = System.console() != null
                ? new TerminalProgress(System.err, BatchRun.estimateRecords(files)) : Progress.NONE) {
            result = new BatchRun(new BatchRun.Options(inputs, date, out, compiled, registers, n, progress, names)).run();
        } catch (BatchRun.OutputRefused e) {
            throw new Main.UserError(e.getMessage());
        } catch (IOException e) {
            throw new Main.UserError("batch failed: " + e);
        }
        NightReport r = result.report();
        output.err().println(summary(r, result));
        if (strict && r.rejects() > 0) return REJECTED;
        return r.anyFail() ? Main.FAILED : Main.OK;
    }

    /** Writes the submissions posted on a day, one document per line, ordered by id. */
    static void export(Store store, LocalDate day, Path file) throws Main.UserError, IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            store.submissions().forEachPostedOn(day, s -> {
                try {
                    // A line break in valid JSON can only be whitespace between tokens: one line per document.
                    // A half surrogate pair stored before validation refused them is written escaped, so that
                    // the line is still text and FactReader rejects it with its pointer instead of the export failing.
                    w.write(escapeLoneSurrogates(s.document().replace('\r', ' ').replace('\n', ' ')));
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            throw new Main.UserError("cannot read the store at " + store.describe() + ": " + e.getMessage());
        }
    }

    static String escapeLoneSurrogates(String json) {
        if (!org.lantian.input.StrictJson.hasLoneSurrogate(json)) return json;
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
