package org.lantian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lantian.batch.BatchRun;
import org.lantian.batch.Compression;
import org.lantian.batch.Documents;
import org.lantian.batch.InputReader;
import org.lantian.batch.NightReport;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.batch.TerminalProgress;
import org.lantian.service.EvaluationService;
import org.lantian.store.Store;
import org.lantian.store.StoreException;
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
            description = "The store (a JDBC URL, as serve's --db) whose history the night is judged with and into which "
                    + "tonight's facts are recorded (default with INPUT: " + Store.DEFAULT_URL + "). Without INPUT the "
                    + "night is the submissions posted on the --as-of day (in the ledger's time zone) in this store.")
    String db;

    @Option(names = "--no-history", description = "Judge tonight's records alone: no history is loaded or recorded.")
    boolean noHistory;

    @Option(names = "--as-of", paramLabel = "DATE", required = true,
            description = "Evaluation date YYYY-MM-DD (with --db also the day whose submissions are read).")
    String asOf;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--compress", paramLabel = "KIND", defaultValue = "none",
            description = "Write findings.jsonl compressed: none, gzip (findings.jsonl.gz) or zstd (findings.jsonl.zst); default ${DEFAULT-VALUE}.")
    String compress;

    @Option(names = "--all-messages", description = "Write every finding whole into findings.jsonl, one a line, PASS's message and "
            + "evidence's fields included (by default PASS findings are listed by rule without message, see docs/findings.md; lantian explain rebuilds them).")
    boolean allMessages;

    @Option(names = "--strict", description = "Exit 3 when any record is rejected.")
    boolean strict;

    private Compression compression = Compression.NONE;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        var date = Inputs.asOf(asOf);
        Compression compression = switch (compress) {
            case "none" -> Compression.NONE;
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            default -> throw new Main.UserError("--compress " + compress + ": give none, gzip or zstd");
        };
        if (noHistory && db != null && !inputs.isEmpty()) {
            throw new Main.UserError("--db with INPUT names the history store, and --no-history uses none: give one of them");
        }
        if (db == null && inputs.isEmpty()) throw new Main.UserError("give INPUT files or folders, or --db URL");
        List<Path> files = List.of();
        if (!inputs.isEmpty()) {
            try {
                files = InputReader.expand(inputs);
            } catch (NoSuchFileException e) {
                throw new Main.UserError(e.getFile() + ": no such file or folder");
            }
            if (files.isEmpty()) throw new Main.UserError("no .json, .jsonl or .csv files in " + inputs);
        }
        var service = new EvaluationService(pack.compile());
        var registers = Registers.load(pack.dir(), service.pack().ledger());
        this.compression = compression;
        if (db == null && noHistory) return run(inputs, files, List.of(), date, service, registers, null);
        if (!inputs.isEmpty()) {
            try (Store store = open(db == null ? Store.DEFAULT_URL : db, false)) {
                return run(inputs, files, List.of(), date, service, registers, store);
            }
        }
        try (Store store = open(db, true)) {
            return run(List.of(), List.of(), List.of(new StoreDay(store, date)), date, service, registers, noHistory ? null : store);
        }
    }

    /** The store, with a connection for reading the night, one for loading history and one recording it. */
    private static Store open(String url, boolean existing) throws Main.UserError {
        try {
            return existing ? Store.openExisting(url, 3) : Store.open(url, 3);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        }
    }

    private int run(List<Path> inputs, List<Path> files, List<Documents> documents, LocalDate date, EvaluationService service,
                    Registers registers, Store store) throws Main.UserError {
        BatchRun.Result result;
        try (Progress progress = System.console() != null
                ? new TerminalProgress(System.err, BatchRun.estimateRecords(BatchRun.bytes(files, documents)))
                : Progress.NONE) {
            result = new BatchRun(new BatchRun.Options(inputs, documents, date, out, service, registers, threads.count(),
                    progress, store)).compress(compression).allMessages(allMessages).run();
        } catch (StoreDay.Failed | BatchRun.OutputRefused e) {
            throw new Main.UserError(e.getMessage());
        } catch (IOException e) {
            throw new Main.UserError("batch failed: " + e);
        }
        NightReport r = result.report();
        output.err().println(summary(r, result));
        if (strict && r.rejects() > 0) return REJECTED;
        return r.anyFail() ? Main.FAILED : Main.OK;
    }

    /**
     * The submissions posted on a day, read from the store straight into the batch in id order; reports and
     * rejects name the store (a reject's line counts the day's submissions in id order).
     */
    private record StoreDay(Store store, LocalDate day) implements Documents {
        @Override
        public String name() {
            return store.describe() + " (posted on " + day + ")";
        }

        @Override
        public long bytes() throws IOException {
            try {
                return store.submissions().bytesPostedOn(day);
            } catch (SQLException e) {
                throw new Failed(this, e);
            }
        }

        @Override
        public void forEach(Documents.Consumer each) throws IOException {
            try {
                store.submissions().forEachPostedOn(day, s -> {
                    try {
                        each.accept(s.document());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (SQLException e) {
                throw new Failed(this, e);
            }
        }

        /** The store could not be read: a store error (exit 2), not a failed night. */
        static final class Failed extends IOException {
            Failed(StoreDay day, SQLException e) {
                super("cannot read the store at " + day.store().describe() + ": " + e.getMessage(), e);
            }
        }
    }

    static String summary(NightReport r, BatchRun.Result result) {
        double seconds = result.nanos() / 1e9;
        return String.format("batch %s: %,d records read, %,d facts evaluated, %,d duplicates, %,d rejects; findings %s;"
                        + " %.1f s (%,.0f records/s; read %.1f s, evaluate %.1f s, write %.1f s)",
                r.asOf(), r.records(), r.factsEvaluated(), r.duplicates(), r.rejects(),
                r.summary().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).collect(Collectors.joining(", ")),
                seconds, r.records() / Math.max(seconds, 1e-9), result.readNanos() / 1e9, result.evaluateNanos() / 1e9,
                result.writeNanos() / 1e9)
                + (r.history() == null ? "; no history" : String.format("; history: %,d facts loaded, %,d recorded",
                r.history().loaded(), result.recorded()));
    }
}
