package org.lantian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.Json;
import org.lantian.batch.BatchRun;
import org.lantian.batch.Compression;
import org.lantian.batch.FindingsFile;
import org.lantian.batch.InputReader;
import org.lantian.batch.Progress;
import org.lantian.batch.Registers;
import org.lantian.store.Store;
import org.lantian.store.StoreException;
import org.lantian.domain.Finding;
import org.lantian.service.EvaluationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lantian explain findings.jsonl}: the night's findings with every message. The night's file leaves a
 * PASS's message out (docs/findings.md); explain rebuilds it with the pack by judging the night again from
 * its input (the files report.json names, checked by SHA-256, or --input) and, when the night was judged with
 * history, the store's history as it was that night (read only: nothing is recorded). The night judged again
 * must give the same findings but for the messages, line by line, or explain says which line differs.
 */
@Command(name = "explain", description = {
        "Print the findings of a night's findings.jsonl (or .gz, .zst) with every message: the messages the file leaves "
                + "out (PASS) are rebuilt by judging the night again with the pack, from its input and history (nothing is recorded).",
        "Exit 0, or 2 when the file, the night's input or the store cannot be read, or the night judged again differs."})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FINDINGS", description = "A night's findings.jsonl, findings.jsonl.gz or findings.jsonl.zst.")
    Path file;

    @Option(names = "--input", paramLabel = "INPUT", arity = "1..*",
            description = "The night's input files or folders (default: the files report.json beside FINDINGS names, if unchanged).")
    List<Path> inputs;

    @Option(names = "--db", paramLabel = "URL",
            description = "The history store the night was judged with (default when report.json says history was loaded: " + Store.DEFAULT_URL + ").")
    String db;

    @Option(names = "--no-history", description = "The night was judged without history.")
    boolean noHistory;

    @Option(names = "--rule", paramLabel = "R", description = "Only findings of this rule.")
    String rule;

    @Option(names = "--subject", paramLabel = "S", description = "Only findings about this subject (and its days and periods: S/…).")
    String subject;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only findings of this status (PASS, FAIL, …).")
    String status;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The night's date (default: asOf of report.json).")
    String asOf;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (one finding a line, as findings.jsonl with every message) or text; default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh", description = "Language of text output: zh or en (default ${DEFAULT-VALUE}).")
    String lang;

    @Mixin
    ThreadsOption threads;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("text")) throw new Main.UserError("--format " + format + ": give json or text");
        if (!Files.isRegularFile(file)) throw new Main.UserError(file + ": no such file");
        if (noHistory && db != null) throw new Main.UserError("give --db or --no-history, not both");
        JsonNode report = report(file);
        LocalDate day = asOf != null ? Inputs.asOf(asOf) : LocalDate.parse(report.path("asOf").asText());
        List<Path> files = inputs != null ? expand(inputs) : inputsOf(report);
        boolean history = !noHistory && (db != null || report.has("history"));
        var service = new EvaluationService(pack.compile());
        String hash = report.path("pack").path("hash").asText(null);
        if (hash != null && !hash.equals(service.pack().hash())) {
            output.err().println("explain: the pack (" + service.pack().hash() + ") is not the night's (" + hash
                    + "): messages are rebuilt with this one");
        }
        var registers = Registers.load(pack.dir(), service.pack().ledger());
        Path work = Files.createTempDirectory("lantian-explain-");
        try (Store store = history ? open(db == null ? Store.DEFAULT_URL : db) : null) {
            // The order of a large night's findings follows its partitions: a night written when partitions were
            // larger is judged again with their size (a night of one partition either way is the same at once).
            String differs = null;
            for (long size : List.of(BatchRun.PARTITION_BYTES, BatchRun.EARLIER_PARTITION_BYTES)) {
                Path again = work.resolve("night-" + size);
                BatchRun run = new BatchRun(new BatchRun.Options(files, List.of(), day, again, service, registers, threads.count(),
                        Progress.NONE, store)).allMessages(true).readOnly().partitionBytes(size);
                run.run();
                Path rebuilt = again.resolve(Compression.NONE.file());
                String d = differs(rebuilt);
                if (d == null) return print(rebuilt, day);
                if (differs == null) differs = d;
                if (run.partitions() == 1) break; // one partition: no other size orders it otherwise
                BatchRun.deleteTree(again);
            }
            throw new Main.UserError(differs);
        } catch (BatchRun.NoSpace e) {
            throw new Main.UserError("explain judges the night again in " + work + ", whose disk has " + BatchRun.megabytes(e.free)
                    + " free; it needs about " + BatchRun.megabytes(e.needed) + ": free space there, or give the temporary"
                    + " folder another disk (JAVA_OPTS=-Djava.io.tmpdir=DIR)");
        } catch (BatchRun.OutputRefused e) {
            throw new Main.UserError(e.getMessage());
        } finally {
            BatchRun.deleteTree(work);
        }
    }

    /** Where the night judged again differs from the night's file, said for the user, or null when it is the same night. */
    private String differs(Path rebuilt) throws IOException, Main.UserError {
        ObjectReader reader = Json.MAPPER.reader();
        long number = 0;
        try (FindingsFile night = openNight();
             BufferedReader whole = Files.newBufferedReader(rebuilt, StandardCharsets.UTF_8)) {
            while (true) {
                ObjectNode a = next(night);
                String b = whole.readLine();
                number++;
                if (a == null && b == null) return null;
                if (a == null || b == null || !(reader.readTree(b) instanceof ObjectNode w) || !a.equals(night.wholeFindings() ? w : FindingsFile.asListed(w))) {
                    return file + " finding " + number + ": the night judged again differs here ("
                            + (a == null ? "it has more findings" : b == null ? "it has fewer findings" : "another finding")
                            + "): give the night's --input, --db or --no-history, --as-of and --rules";
                }
            }
        }
    }

    /** Prints the wanted findings of the night judged again (the same as the night's file, {@link #differs}). */
    private int print(Path rebuilt, LocalDate day) throws IOException {
        long shown = 0;
        long number = 0;
        try (BufferedReader whole = Files.newBufferedReader(rebuilt, StandardCharsets.UTF_8)) {
            for (String b; (b = whole.readLine()) != null; ) {
                number++;
                Finding f = Json.MAPPER.readValue(b, Finding.class);
                if (!wanted(f)) continue;
                shown++;
                if (format.equals("json")) {
                    output.out().println(b);
                } else {
                    output.out().println(f.measure() + " " + f.rule() + " " + f.subject() + " " + f.status() + ": "
                            + (lang.equals("en") ? f.message().en() : f.message().zh()));
                }
            }
        }
        output.out().flush();
        output.err().printf("explain: %,d of %,d finding(s) of %s%n", shown, number, day);
        return Main.OK;
    }

    private FindingsFile openNight() throws Main.UserError {
        try {
            return FindingsFile.open(file);
        } catch (IOException e) {
            throw new Main.UserError(e.getMessage());
        }
    }

    private static ObjectNode next(FindingsFile night) throws Main.UserError {
        try {
            return night.next();
        } catch (IOException e) {
            throw new Main.UserError(e.getMessage());
        }
    }

    private boolean wanted(Finding f) {
        if (rule != null && !rule.equals(f.rule())) return false;
        if (status != null && !status.equalsIgnoreCase(String.valueOf(f.status()))) return false;
        return subject == null || subject.equals(f.subject()) || f.subject() != null && f.subject().startsWith(subject + "/");
    }

    /** The report.json beside the findings file. */
    private static JsonNode report(Path findings) throws Main.UserError {
        Path report = findings.toAbsolutePath().resolveSibling("report.json");
        try {
            JsonNode node = Json.MAPPER.readTree(report.toFile());
            if (node.path("asOf").isTextual()) return node;
        } catch (IOException e) {
            // said below
        }
        throw new Main.UserError("no report.json of the night beside " + findings + " (explain reads the night's date, input and pack from it)");
    }

    /** The input files report.json names, each still there with the same SHA-256. */
    private static List<Path> inputsOf(JsonNode report) throws Main.UserError, IOException {
        List<Path> files = new ArrayList<>();
        for (JsonNode input : report.path("inputs")) {
            Path p = Path.of(input.path("file").asText());
            if (!Files.isRegularFile(p) || !input.path("sha256").asText().equals(sha256(p))) {
                throw new Main.UserError("the night's input " + p + " is not there as it was (missing or changed): give --input");
            }
            files.add(p);
        }
        if (files.isEmpty()) throw new Main.UserError("report.json names no input files: give --input");
        return files;
    }

    private static List<Path> expand(List<Path> paths) throws Main.UserError, IOException {
        try {
            return InputReader.expand(paths);
        } catch (NoSuchFileException e) {
            throw new Main.UserError(e.getFile() + ": no such file or folder");
        }
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Store open(String url) throws Main.UserError {
        try {
            return Store.openExisting(url, 3);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        }
    }
}
