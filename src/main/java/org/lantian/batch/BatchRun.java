package org.lantian.batch;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.lantian.Json;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Span;
import org.lantian.domain.Status;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.engine.RuleInfo;
import org.lantian.pack.Measure;
import org.lantian.service.EvaluationService;
import org.lantian.domain.Waiver;
import org.lantian.store.Cases;
import org.lantian.store.History;
import org.lantian.store.Scores;
import org.lantian.store.Store;

/**
 * The nightly batch: reads every record of the night, evaluates the valid facts with the pack and writes
 * findings.jsonl, rejects.jsonl, report.json, report.html and report.xlsx into the output folder.
 *
 * <p>Memory does not grow with the records: facts are spilled to disk in partitions by
 * {@link Fact#partitionKey()} (facts a rule must see together share one), each partition is evaluated in
 * fresh sessions of about {@link #SESSION} facts with every {@link Context} fact, and its findings, sorted
 * by measure, rule, subject and submission, are appended to findings.jsonl partition after partition (a
 * few partitions are evaluated ahead of the one being written, no more). Only the scorecard's counts, the
 * registers and the submission ids of submission objects stay in memory.
 *
 * <p>Everything is written into a fresh work folder beside the output folder, which then replaces the
 * output folder as a whole (two renames): a killed run leaves either the previous night's complete output
 * or none, never an old night's files beside a new night's, and the next run starts by clearing what a
 * killed one left. The output folder may hold nothing but a night's output, so no other file is ever lost.
 */
public final class BatchRun {
    /** Facts per Drools session: small sessions are fast; a group sharing a partition key is never split. */
    static final int SESSION = 1000;
    /** About what a stored fact takes in a partition (its JSON is 50 to 250 bytes in the bundled pack's types). */
    static final long FACT_BYTES = 256;
    /**
     * Input bytes per partition. A partition's facts and findings are what the young collections copy while it is
     * evaluated and written (a few partitions are in flight): the smaller, the shorter the pauses, down to where the
     * partitions' files, buffers and per-partition work cost more (docs/performance.md, "Batch").
     */
    public static final long PARTITION_BYTES = 1L << 20;
    /** Input bytes per partition of the nights written before {@link #PARTITION_BYTES} (lantian explain reads their files). */
    public static final long EARLIER_PARTITION_BYTES = 4L << 20;
    /** At most this many partitions, however large the night (each is a file open while the night is read). */
    static final int MAX_PARTITIONS = 4096;
    /** The work folder of output folder DIR is .DIR.batch-work beside it; the replaced output goes to .DIR.batch-old. */
    static final String WORK = ".batch-work";
    static final String OLD = ".batch-old";
    /** What an output folder may hold: a night's files (and the work folder earlier versions kept inside). */
    static final Set<String> OUTPUTS = Set.of("findings.jsonl", Compression.GZIP.file(), Compression.ZSTD.file(), "rejects.jsonl",
            "report.html", "report.xlsx", "report.json", WORK);

    /** The output folder holds other files than a night's (replacing it would lose them), or its disk lacks room. */
    public static class OutputRefused extends IOException {
        OutputRefused(String message) {
            super(message);
        }
    }

    /** The output's disk has less free space than the night needs ({@link #spaceNeeded}), in bytes. */
    public static final class NoSpace extends OutputRefused {
        public final long free;
        public final long needed;

        NoSpace(String message, long free, long needed) {
            super(message);
            this.free = free;
            this.needed = needed;
        }
    }

    /**
     * {@code documents}: inputs other than files, read after them (the store's day with {@code batch --db});
     * {@code store}: the history the night is judged with and recorded into, or null to judge the inputs alone.
     */
    public record Options(List<Path> inputs, List<Documents> documents, LocalDate asOf, Path out, EvaluationService service,
                          Registers registers, int threads, Progress progress, Store store) {
        public Options(List<Path> inputs, LocalDate asOf, Path out, EvaluationService service, Registers registers,
                       int threads, Progress progress) {
            this(inputs, List.of(), asOf, out, service, registers, threads, progress, null);
        }

        public Options withStore(Store store) {
            return new Options(inputs, documents, asOf, out, service, registers, threads, progress, store);
        }
    }

    /** What the run did: the report (also written as report.json) and how long it took, in all and by phase. */
    /** {@code recorded}: tonight's facts recorded in history (0 on a re-run night), -1 without history. */
    /** {@code findingsBytes}: the size of findings.jsonl uncompressed. */
    public record Result(NightReport report, long nanos, long readNanos, long evaluateNanos, long writeNanos, long recorded,
                         long findingsBytes) {
    }

    /**
     * A fact to evaluate, where it came from, and its subject and partition key, each worked out once (most fact types
     * make them anew on every call); a type that keeps the default partition key has its subject's instance as key.
     */
    private record Item(Fact fact, Origin origin, String subject, String key) {
        /** By partition key (a null one as "null"): a partition's items sorted so are its groups in key order. */
        static final Comparator<Item> BY_KEY = (a, b) -> String.valueOf(a.key).compareTo(String.valueOf(b.key));

        static Item of(Fact fact, Origin origin) {
            String subject = fact.subject();
            return new Item(fact, origin, subject, partitionKey(fact, subject));
        }
    }

    /** A fact's partition key, given its subject: that very instance where the type keeps the default key. */
    static String partitionKey(Fact fact, String subject) {
        return OWN_KEY.get(fact.getClass()) ? fact.partitionKey() : subject;
    }

    /** Whether a fact type has a partition key of its own, rather than {@link Fact#partitionKey()}'s, its subject. */
    private static final ClassValue<Boolean> OWN_KEY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("partitionKey").getDeclaringClass() != Fact.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private record PartResult(List<Ranked> findings, Scorecard scorecard, List<Reject> conflicts, long duplicates, long facts,
                              List<Recorded> recorded, List<Finding> fails) {
    }

    /** Nights a trend shows, tonight included. */
    static final int TREND_NIGHTS = 30;

    /** A fact of tonight to record in history, with the submission it came with. */
    private record Recorded(String submission, History.Entry entry) {
    }

    /** The file index of a fact loaded from history (not one of tonight's inputs). */
    static final int HISTORY = -1;

    private final Options o;
    private final EvaluationService service;
    private final CompiledPack pack;
    private final ObjectWriter rejectWriter = Json.MAPPER.writerFor(Reject.class);
    private final Map<String, Registers.Entry> registered;
    /** Registered subjects that arrived, by their partition key (an aggregate finding about the key covers them). */
    private final Map<String, Set<String>> registeredByKey = new HashMap<>();
    private final Set<String> covered = ConcurrentHashMap.newKeySet();
    private final Set<Finding> orphans = ConcurrentHashMap.newKeySet();
    private final List<Item> context = new ArrayList<>();
    private final Map<Same, Item> contextSeen = new HashMap<>();
    /** The context facts kept: the same weather carried by several submissions is one fact, not one per submission. */
    private final Set<Fact> contextFacts = new java.util.HashSet<>();
    private InputReader reader;
    private long rejects;
    private long contextDuplicates;
    /** Submission ids of tonight's facts (bare facts without one count as {@link #nightId()}). */
    private final Set<String> tonight = new HashSet<>();
    /** The partition keys of tonight's facts (with a store): whose stored facts of a running long period are loaded. */
    private final Set<String> tonightKeys = new HashSet<>();
    private long historyFacts;
    private List<Waiver> waivers = List.of();
    private Set<String> caseKeys = Set.of();
    private Compression compression = Compression.NONE;
    private boolean allMessages;
    private boolean readOnly;
    private long partitionBytes = PARTITION_BYTES;
    private int partitions;
    /** The night's bytes up to which its partitions stay in memory (-1: {@link #memoryBudget()}). */
    private long memoryBudget = -1;
    private boolean inMemory;

    public BatchRun(Options options) {
        this.o = options;
        this.service = options.service();
        this.pack = service.pack();
        this.registered = options.registers().bySubject();
    }

    /**
     * Writes findings.jsonl with every finding whole, one a line and no header, PASS's message and every evidence's
     * fields included (default: as docs/findings.md says, PASS listed by rule, evidence as references).
     */
    public BatchRun allMessages(boolean all) {
        this.allMessages = all;
        return this;
    }

    /** With a store: load the night's history but record nothing (lantian explain judges a night again so). */
    public BatchRun readOnly() {
        this.readOnly = true;
        return this;
    }

    /**
     * Splits the night into partitions of about this many input bytes (default {@link #PARTITION_BYTES}). The
     * findings are the same whatever the size; the order of findings.jsonl's lines follows the partitions.
     */
    public BatchRun partitionBytes(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("partition bytes " + bytes);
        this.partitionBytes = bytes;
        return this;
    }

    /** How many partitions the night was split into (once run). */
    public int partitions() {
        return partitions;
    }

    /**
     * A night of at most this many bytes (inputs and history) keeps its partitions in memory instead of files: a third
     * of the heap. Spilled, a fact takes about half its input bytes (docs/performance.md, "Batch"), so a night at the
     * budget holds a sixth of the heap in partitions while it is read; the 1M-record night (244 MB) fits under
     * -Xmx1g, a bigger one goes to files.
     */
    static long memoryBudget() {
        return Runtime.getRuntime().maxMemory() / 3;
    }

    /** Keeps the partitions in memory for a night of at most this many bytes, in files above (default {@link #memoryBudget()}). */
    BatchRun memoryBudget(long bytes) {
        this.memoryBudget = bytes;
        return this;
    }

    /** Whether the night's partitions were kept in memory rather than in files (once run). */
    boolean partitionsInMemory() {
        return inMemory;
    }

    /** How many partitions a night of this many bytes (input and history) is split into. */
    static int partitions(long bytes, long partitionBytes) {
        return (int) Math.max(1, Math.min(MAX_PARTITIONS, bytes / partitionBytes + 1));
    }

    /** Writes findings.jsonl compressed so (default: not). */
    public BatchRun compress(Compression compression) {
        this.compression = compression;
        return this;
    }

    /** How many records inputs of this many bytes probably hold (for the progress bar): about 250 bytes each. */
    public static long estimateRecords(long bytes) {
        return Math.max(1, bytes / 250);
    }

    /** The bytes of the files and documents of a night. */
    public static long bytes(List<Path> files, List<Documents> documents) throws IOException {
        long bytes = 0;
        for (Path f : files) bytes += Files.size(f);
        for (Documents d : documents) bytes += d.bytes();
        return bytes;
    }

    public Result run() throws IOException {
        long start = System.nanoTime();
        Path outDir = o.out().toAbsolutePath().normalize();
        // A previous night's output inside an input folder is not input.
        List<Path> files = InputReader.expand(o.inputs()).stream()
                .filter(f -> !f.toAbsolutePath().normalize().startsWith(outDir)).toList();
        long inputBytes = bytes(files, o.documents());
        Path work = beside(outDir, WORK);
        Path old = beside(outDir, OLD);
        refuseForeignFiles(outDir);
        deleteTree(work);
        deleteTree(old);
        // The history loaded goes into the partitions too: a quarter of stored facts must not make one huge partition.
        long nightBytes = inputBytes + historyBytes();
        int partitions = this.partitions = partitions(nightBytes, partitionBytes);
        inMemory = nightBytes <= (memoryBudget < 0 ? memoryBudget() : memoryBudget);
        refuseWithoutSpace(outDir, inputBytes, inMemory ? 0 : nightBytes);
        Files.createDirectories(work);
        boolean done = false;
        try {
            Result result = run(start, outDir, files, work, old, partitions);
            done = true;
            return result;
        } finally {
            // A night that failed (a full disk, a store gone) leaves nothing beside the output: its work folder, up to
            // three times its input's bytes, would keep the disk full until the next night.
            if (!done) deleteQuietly(work);
        }
    }

    private Result run(long start, Path outDir, List<Path> files, Path work, Path old, int partitions) throws IOException {
        reader = new InputReader(service, files, o.documents()).threads(o.threads());
        Path rejectsFile = work.resolve("rejects.jsonl");
        Scorecard scorecard = new Scorecard();
        long duplicates;
        long facts = 0;
        long readAt;
        long evaluatedAt;
        NightReport report;
        History.Night night = null;
        long recorded;
        long findingsBytes;
        try (BufferedWriter rejectsOut = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8);
             NightWriter writer = new NightWriter(work, compression, allMessages)) {
            try (Spill spill = new Spill(work.resolve("partitions"), partitions, inMemory)) {
                read(spill, rejectsOut);
                if (o.store() != null) {
                    loadHistory(spill);
                    if (!readOnly) night = openNight();
                    loadWaiversAndCases();
                }
                spill.close();
                readAt = System.nanoTime();
                duplicates = reader.duplicates() + contextDuplicates;
                facts += context.size();
                List<Reject> conflicts = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
                try {
                    // Partitions are evaluated a few ahead of the one being written, and no more: that many
                    // partitions' findings are in memory at most.
                    int ahead = Math.max(1, o.threads());
                    List<Future<PartResult>> parts = new ArrayList<>();
                    for (int p = 0; p < partitions; p++) {
                        int partition = p;
                        parts.add(p < ahead ? pool.submit(() -> evaluate(spill, partition)) : null);
                    }
                    for (int p = 0; p < partitions; p++) {
                        o.progress().step("evaluating " + (p + 1) + "/" + partitions);
                        PartResult r = Tasks.await(parts.get(p));
                        parts.set(p, null);
                        int next = p + ahead;
                        if (next < partitions) parts.set(next, pool.submit(() -> evaluate(spill, next)));
                        writer.write(r.findings());
                        scorecard.merge(r.scorecard());
                        conflicts.addAll(r.conflicts());
                        duplicates += r.duplicates();
                        facts += r.facts();
                        record(night, r.recorded());
                        keepFailures(night, r.fails());
                    }
                } finally {
                    pool.shutdownNow();
                }
                conflicts.sort(Comparator.comparing(Reject::file).thenComparingLong(Reject::line));
                for (Reject r : conflicts) writeReject(rejectsOut, r);
            }
            record(night, context.stream().filter(i -> i.origin().file() != HISTORY)
                    .map(i -> new Recorded(idOf(i.origin()), History.Entry.of(i.fact(), o.asOf()))).toList());
            sendAdded(night);
            List<NightReport.RegisterCard> registerCards = registerFindings(scorecard, writer);
            List<Scores.Score> scores = night == null ? List.of() : scores(scorecard);
            report = report(scorecard, facts, duplicates, registerCards,
                    night == null ? null : new NightReport.HistoryCard(historyFacts), night == null ? null : trends(scores));
            recorded = night == null ? -1 : night.added();
            evaluatedAt = System.nanoTime();
            o.progress().step("writing reports");
            writer.finish(report);
            findingsBytes = writer.findingsBytes();
            if (night != null) {
                try {
                    night.scores(scores);
                } catch (SQLException e) {
                    throw storeFailed("record", e);
                }
                commit(night);
            }
        } finally {
            close(night);
        }
        deleteTree(work.resolve("partitions"));
        publish(work, outDir, old);
        long end = System.nanoTime();
        return new Result(report, end - start, readAt - start, evaluatedAt - readAt, end - evaluatedAt, recorded, findingsBytes);
    }

    /** The history id of a fact of tonight: its submission, or for a bare fact without one the night's. */
    private String idOf(Origin origin) {
        return origin.submission() != null ? origin.submission() : nightId(o.asOf());
    }

    /** Under which id a night's bare facts that name no submission are recorded. */
    public static String nightId(LocalDate night) {
        return "night:" + night;
    }

    /**
     * Adds to the spill (each into the partition of its partition key) or to the context the stored facts of
     * every period containing the night, but those of tonight's submissions, which the inputs hold: of the types
     * judged for every subject tonight ({@link History#everySubject}) all of them, of the others those of the
     * partition keys the night judges anyway (tonight's, the registered subjects', those of the facts loaded for
     * every subject), so that a running quarter or year costs what tonight's subjects have stored, not the store.
     */
    private void loadHistory(Spill spill) throws IOException {
        o.progress().step("loading history");
        Set<String> keys = new HashSet<>(tonightKeys);
        keys.addAll(registered.keySet());
        try {
            o.store().history().forEachOfNight(pack.ledger(), org.lantian.engine.TypeReaders.measuresByType(pack), o.asOf(), keys,
                    tonight, stored -> {
                        Origin origin = new Origin(HISTORY, 0, stored.submission(), false);
                        Class<? extends Fact> type = stored.factType();
                        if (registered.containsKey(stored.subject())) {
                            registeredByKey.computeIfAbsent(stored.partitionKey(), k -> new TreeSet<>()).add(stored.subject());
                        }
                        try {
                            if (type.isAnnotationPresent(Context.class)) context.add(Item.of(stored.fact(), origin));
                            else spill.add(stored.partitionKey(), type, stored.json(), origin);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        historyFacts++;
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            throw storeFailed("load", e);
        }
    }

    /** The windows of stored facts the night needs: per fact type in the pack's history map, its period containing the night. */
    private List<History.Window> windows() {
        return History.windows(pack.ledger(), o.asOf(), Map.of());
    }

    /** The types whose stored facts tonight loads for every subject: see {@link History#loadedForEverySubject}. */
    private Set<String> everySubject() {
        return History.loadedForEverySubject(pack.ledger(), o.asOf(), org.lantian.engine.TypeReaders.measuresByType(pack));
    }

    /**
     * About how many bytes the stored facts loaded for every subject hold, at {@link #FACT_BYTES} each (for sizing the
     * partitions; those loaded for tonight's keys are bounded by tonight's subjects and left out, as is what the night
     * itself records, so that a re-run night is split the same way).
     */
    private long historyBytes() throws IOException {
        if (o.store() == null) return 0;
        Set<String> every = everySubject();
        try {
            return FACT_BYTES * o.store().history().count(windows().stream().filter(w -> every.contains(w.type())).toList(), o.asOf());
        } catch (SQLException e) {
            throw storeFailed("load", e);
        }
    }

    /**
     * The store's waivers in force tonight (applied to every finding, as serve does) and the cases a PASS or WAIVED
     * finding may move (docs/cases.md): read once, before the partitions are evaluated.
     */
    private void loadWaiversAndCases() throws IOException {
        try {
            waivers = o.store().waivers().activeUpTo(o.asOf());
            caseKeys = o.store().cases().keys(o.asOf(), pack.ledger().rectification().repeatWithinDays());
        } catch (SQLException e) {
            throw storeFailed("read the waivers and cases of", e);
        }
    }

    private History.Night openNight() throws IOException {
        try {
            return o.store().history().night(o.asOf(), tonight);
        } catch (SQLException e) {
            throw storeFailed("open", e);
        }
    }

    private void record(History.Night night, List<Recorded> facts) throws IOException {
        if (night == null) return;
        try {
            for (Recorded r : facts) night.add(r.submission(), r.entry());
        } catch (SQLException e) {
            throw storeFailed("record", e);
        }
    }

    /** Lets the night's facts be inserted while the reports are written. */
    private void sendAdded(History.Night night) throws IOException {
        if (night == null) return;
        try {
            night.sendAdded();
        } catch (SQLException e) {
            throw storeFailed("record", e);
        }
    }

    private void keepFailures(History.Night night, List<Finding> fails) throws IOException {
        if (night == null) return;
        try {
            for (Finding f : fails) {
                if (f.status() == Status.FAIL) night.failure(f.measure(), f.rule(), f.subject(), f.units() == null ? List.of() : f.units());
            }
            night.cases(service.moves(fails, o.asOf(), Cases.BATCH, null));
        } catch (SQLException e) {
            throw storeFailed("record", e);
        }
    }

    /** Tonight's counts per unit (over all measures) and per measure (over all units), as the store keeps them. */
    private static List<Scores.Score> scores(Scorecard s) {
        List<Scores.Score> out = new ArrayList<>();
        new TreeMap<>(s.units()).forEach((unit, t) -> out.add(score(unit, Scores.ALL_MEASURES, t)));
        new TreeMap<>(s.measures()).forEach((m, t) -> out.add(score(Scores.ALL_UNITS, m, t)));
        return out;
    }

    private static Scores.Score score(String unit, int measure, Scorecard.Tally t) {
        return new Scores.Score(unit, measure, t.total() - t.count(Status.NOT_APPLICABLE) - t.count(Status.WAIVED),
                t.count(Status.PASS), t.count(Status.FAIL), t.count(Status.WAIVED));
    }

    /** The FAIL share of the last {@link #TREND_NIGHTS} nights: those the store holds before tonight, and tonight's. */
    private NightReport.Trends trends(List<Scores.Score> tonight) throws IOException {
        List<Scores.Nightly> rows = new ArrayList<>();
        try {
            rows.addAll(o.store().scores().between(o.asOf().minusDays(TREND_NIGHTS - 1), o.asOf().minusDays(1)));
        } catch (SQLException e) {
            throw storeFailed("read the scores of", e);
        }
        for (Scores.Score x : tonight) rows.add(new Scores.Nightly(o.asOf(), x));
        List<LocalDate> nights = rows.stream().map(Scores.Nightly::night).distinct().sorted().toList();
        Map<String, Double[]> units = new TreeMap<>();
        Map<Integer, Double[]> measures = new TreeMap<>();
        for (Scores.Nightly n : rows) {
            int i = nights.indexOf(n.night());
            Scores.Score x = n.score();
            if (x.measure() == Scores.ALL_MEASURES) units.computeIfAbsent(x.unit(), k -> new Double[nights.size()])[i] = x.failShare();
            else if (Scores.ALL_UNITS.equals(x.unit())) measures.computeIfAbsent(x.measure(), k -> new Double[nights.size()])[i] = x.failShare();
        }
        List<NightReport.Line> unitLines = new ArrayList<>();
        units.forEach((u, v) -> unitLines.add(new NightReport.Line(u, java.util.Arrays.asList(v))));
        List<NightReport.Line> measureLines = new ArrayList<>();
        measures.forEach((m, v) -> measureLines.add(new NightReport.Line(String.valueOf(m), java.util.Arrays.asList(v))));
        return new NightReport.Trends(nights, unitLines, measureLines);
    }

    private void commit(History.Night night) throws IOException {
        try {
            night.commit();
        } catch (SQLException e) {
            throw storeFailed("record", e);
        }
    }

    private void close(History.Night night) {
        if (night == null) return;
        try {
            night.close();
        } catch (SQLException e) {
            // after a commit nothing is left to roll back; after a failure the run fails anyway
        }
    }

    private IOException storeFailed(String what, SQLException e) {
        return new IOException("cannot " + what + " the history in the store at " + o.store().describe() + ": "
                + e.getMessage(), e);
    }

    /** Whether facts of a type are context ({@link Context}): asked once per type, not once per fact. */
    private static final ClassValue<Boolean> CONTEXT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(Context.class);
        }
    };

    private void read(Spill spill, BufferedWriter rejectsOut) throws IOException {
        reader.read(new InputReader.Sink() {
            long seen;

            @Override
            public void fact(Fact fact, java.util.function.Supplier<String> json, Origin origin) throws IOException {
                progress();
                if (o.store() != null) {
                    tonight.add(idOf(origin));
                    if (fact.partitionKey() != null) tonightKeys.add(fact.partitionKey());
                }
                // a fact of a day ("R-001/2022-06-30") is registered under its partition key ("R-001")
                if (!registered.isEmpty()) {
                    String subject = fact.subject();
                    String key = fact.partitionKey();
                    String as = registered.containsKey(subject) ? subject : registered.containsKey(key) ? key : null;
                    if (as != null) registeredByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(as);
                }
                if (CONTEXT.get(fact.getClass())) {
                    addContext(fact, origin, rejectsOut);
                } else {
                    spill.add(fact, json, origin);
                }
            }

            @Override
            public void reject(Reject reject) throws IOException {
                progress();
                writeReject(rejectsOut, reject);
            }

            private void progress() {
                if ((++seen & 1023) == 0) o.progress().records(reader.records());
            }
        });
        o.progress().records(reader.records());
    }

    /** Context facts (the weather) are few and seen by every partition: kept in memory, deduplicated like bare facts. */
    private void addContext(Fact fact, Origin origin, BufferedWriter rejectsOut) throws IOException {
        Item item = Item.of(fact, origin);
        if (!origin.bare()) {
            if (contextFacts.add(fact)) context.add(item);
            return;
        }
        Item before = contextSeen.putIfAbsent(Same.of(item), item);
        if (before == null) {
            if (contextFacts.add(fact)) context.add(item);
        } else if (before.fact().equals(fact)) contextDuplicates++;
        else writeReject(rejectsOut, conflict(item, before));
    }

    /** A bare fact's identity within its submission: a second bare fact of the same is a duplicate or a conflict. */
    private record Same(String submission, Class<?> type, String subject) {
        static Same of(Item item) {
            return new Same(item.origin().submission(), item.fact().getClass(), item.subject());
        }
    }

    private Reject conflict(Item item, Item before) {
        String type = item.fact().getClass().getSimpleName();
        return new Reject(reader.name(item.origin().file()), item.origin().line(), item.origin().submission(),
                List.of("conflict: " + type + " " + item.fact().subject() + " of submission " + item.origin().submission()
                        + " was already read from " + reader.name(before.origin().file()) + " line "
                        + before.origin().line() + " with different content; this one is not used"));
    }

    private void writeReject(BufferedWriter out, Reject r) throws IOException {
        rejects++;
        out.write(rejectWriter.writeValueAsString(r));
        out.write('\n');
    }

    /** Evaluates one partition: binds, drops duplicate bare facts, evaluates in sessions, sorts its findings. */
    private PartResult evaluate(Spill spill, int partition) throws IOException {
        List<Spill.Entry> entries = spill.read(partition);
        Map<Same, Item> seen = new HashMap<>(entries.size() * 4 / 3 + 1); // most nights' facts are bare
        List<Reject> conflicts = new ArrayList<>();
        long duplicates = 0;
        List<Item> keyed = new ArrayList<>(entries.size()); // by partition key below: sorted once, not kept sorted per fact
        // Tonight's facts to record, and what tonight's and the loaded facts are: a stored fact identical to one
        // already here (the same report sent again under another id) counts once. A partition holds tonight's
        // facts before the stored ones (history is loaded after the inputs are read).
        List<Recorded> recorded = new ArrayList<>();
        Set<String> same = o.store() == null ? null : new HashSet<>();
        for (Spill.Entry e : entries) {
            Fact fact = spill.fact(e);
            Item item = Item.of(fact, e.origin());
            if (e.origin().file() == HISTORY) {
                if (!same.add(fact.getClass().getSimpleName() + '\u0000' + new String(e.json(), StandardCharsets.UTF_8))) continue;
            } else if (e.origin().bare()) {
                Item before = seen.putIfAbsent(Same.of(item), item);
                if (before != null) {
                    if (before.fact().equals(fact)) duplicates++;
                    else conflicts.add(conflict(item, before));
                    continue;
                }
            }
            keyed.add(item);
            if (same != null && e.origin().file() != HISTORY) {
                History.Entry entry = History.Entry.of(fact, o.asOf());
                recorded.add(new Recorded(idOf(e.origin()), entry));
                same.add(entry.sameness());
            }
        }
        entries.clear();
        Scorecard scorecard = new Scorecard();
        List<Ranked> findings = new ArrayList<>();
        List<Finding> fails = new ArrayList<>();
        List<Item> session = new ArrayList<>();
        long facts = 0;
        keyed.sort(Item.BY_KEY); // stable: a group's facts in the order read
        for (int from = 0, to; from < keyed.size(); from = to) {
            String key = String.valueOf(keyed.get(from).key());
            for (to = from + 1; to < keyed.size() && String.valueOf(keyed.get(to).key()).equals(key); ) to++;
            if (!session.isEmpty() && session.size() + (to - from) > SESSION) {
                facts += evaluateSession(session, findings, conflicts, fails);
                session.clear();
            }
            for (int i = from; i < to; i++) session.add(keyed.get(i));
        }
        if (!session.isEmpty()) facts += evaluateSession(session, findings, conflicts, fails);
        Ranked.sort(findings);
        for (Ranked r : findings) scorecard.add(r); // in order: a tally keeping the first failing findings compares each once
        spill.delete(partition);
        return new PartResult(findings, scorecard, conflicts, duplicates, facts, recorded, fails);
    }

    /**
     * Evaluates a session's records; returns how many were evaluated. A rule that throws fails the records
     * it fired on (each a reject naming the rule) and the session is evaluated again without them; when
     * Drools cannot say which facts (a condition threw), each partition group of the session is evaluated
     * on its own and a group that still fails is rejected as a whole. The night goes on either way.
     */
    private int evaluateSession(List<Item> items, List<Ranked> out, List<Reject> rejected, List<Finding> fails)
            throws IOException {
        List<Item> left = new ArrayList<>(items);
        while (!left.isEmpty()) {
            List<Finding> findings;
            try {
                findings = evaluateItems(left);
            } catch (EvaluationFailedException e) {
                Set<Object> culprits = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                culprits.addAll(e.facts());
                List<Item> bad = left.stream().filter(i -> culprits.contains(i.fact())).toList();
                if (!bad.isEmpty()) {
                    for (Item i : bad) rejected.add(failed(i, e));
                    left.removeAll(bad);
                    continue;
                }
                Map<String, List<Item>> groups = new TreeMap<>();
                for (Item i : left) groups.computeIfAbsent(String.valueOf(i.fact().partitionKey()), k -> new ArrayList<>()).add(i);
                if (groups.size() == 1) {
                    for (Item i : left) rejected.add(failed(i, e));
                    return 0;
                }
                int evaluated = 0;
                for (List<Item> group : groups.values()) evaluated += evaluateSession(group, out, rejected, fails);
                return evaluated;
            }
            add(findings, left, out, fails);
            return left.size();
        }
        return 0;
    }

    private Reject failed(Item item, EvaluationFailedException e) {
        return new Reject(reader.name(item.origin().file()), item.origin().line(), item.origin().submission(),
                List.of("not evaluated: " + e.getMessage() + "; the night's other records are"));
    }

    private List<Finding> evaluateItems(List<Item> items) {
        Map<Fact, String> origin = new IdentityHashMap<>(items.size() + context.size());
        List<Fact> facts = new ArrayList<>(items.size() + context.size());
        Set<Fact> stored = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Item c : context) {
            facts.add(c.fact());
            origin.put(c.fact(), c.origin().submission());
            if (c.origin().file() == HISTORY) stored.add(c.fact());
        }
        for (Item i : items) {
            facts.add(i.fact());
            origin.put(i.fact(), i.origin().submission());
            if (i.origin().file() == HISTORY) stored.add(i.fact());
        }
        return EvaluationService.waive(service.evaluateUnsorted(facts, o.asOf(), origin::get,
                stored.isEmpty() ? null : stored::contains), waivers, o.asOf());
    }

    /** Takes a session's findings (in the order the rules made them) but those said already (see below). */
    private void add(List<Finding> findings, List<Item> items, List<Ranked> out, List<Finding> fails) {
        // The subjects and partition keys of the session's facts, each with what a finding about it covers.
        Map<String, Covers> subjects = new HashMap<>(items.size() * 3); // two a fact at most, without growing
        for (Item i : items) {
            if (!subjects.containsKey(i.subject())) subjects.put(i.subject(), new Covers(i.subject()));
            if (i.key() != i.subject() && !subjects.containsKey(i.key())) subjects.put(i.key(), new Covers(i.key()));
        }
        Map<String, Covers> periods = null; // the subjects that are periods of the session's ("R-001/2022-W26")
        int failsFrom = fails.size();
        for (Finding f : findings) {
            Covers covers = subjects.get(f.subject());
            if (covers == null && (periods == null || (covers = periods.get(f.subject())) == null)) {
                if (ofSession(f.subject(), subjects)) {
                    if (periods == null) periods = new HashMap<>();
                    periods.put(f.subject(), covers = new Covers(f.subject()));
                } else if (!orphans.add(f)) {
                    continue; // a finding about no fact of this session (a rule on the absence of a fact) is said once a night
                }
            }
            out.add(Ranked.of(f));
            if (o.store() != null && Cases.concerns(f, caseKeys)) fails.add(f); // FAILs, and what may move a case
            if (f.status() == Status.NO_DATA) continue;
            if (covers == null) covers = new Covers(f.subject());
            covers.cover(f.measure());
        }
        // The store records them in the order of the session's sorted findings (stable: as CompiledPack.evaluate sorts).
        if (fails.size() - failsFrom > 1) fails.subList(failsFrom, fails.size()).sort(CompiledPack.ORDER);
    }

    /** True when a subject is a period of one of the session's ("R-001/2022-W26" of road R-001). */
    private static boolean ofSession(String subject, Map<String, Covers> subjects) {
        int slash = subject.lastIndexOf('/');
        return slash > 0 && subjects.containsKey(subject.substring(0, slash));
    }

    /**
     * The registered subjects a finding about a subject covers for its measure (once it is not NO_DATA): the subject, the
     * subject of which it is a period ("R-001/2022-W26" covers R-001), and the members of a partition key (the fleet).
     * Worked out once a session for each subject, and told to {@link #covered} once per measure.
     */
    private final class Covers {
        private final String subject;
        private List<String> registeredOnes;
        /** The measures (below 64) already told. */
        private long told;

        Covers(String subject) {
            this.subject = subject;
        }

        void cover(int measure) {
            boolean once = measure >= 0 && measure < 64;
            if (once && (told & (1L << measure)) != 0) return;
            if (once) told |= 1L << measure;
            if (registeredOnes == null) registeredOnes = registeredOnes();
            for (String s : registeredOnes) covered.add(s + '\u0000' + measure);
        }

        private List<String> registeredOnes() {
            boolean itself = registered.containsKey(subject);
            int slash = subject.lastIndexOf('/');
            String of = slash > 0 ? subject.substring(0, slash) : null;
            if (of != null && !registered.containsKey(of)) of = null;
            Set<String> members = registeredByKey.get(subject);
            if (members == null && !(itself && of != null)) { // mostly: one or none, in a list made for it
                return itself ? List.of(subject) : of != null ? List.of(of) : List.of();
            }
            List<String> out = new ArrayList<>(2 + (members == null ? 0 : members.size()));
            if (itself) out.add(subject);
            if (of != null) out.add(of);
            if (members != null) out.addAll(members);
            return out;
        }
    }

    /**
     * NO_DATA for every registered subject that has no finding for a measure it must report for (a finding
     * about its partition key, such as the whole fleet, counts for its members).
     */
    private List<NightReport.RegisterCard> registerFindings(Scorecard scorecard, NightWriter writer) throws IOException {
        List<Ranked> findings = new ArrayList<>();
        List<NightReport.RegisterCard> cards = new ArrayList<>();
        for (Registers.Register register : o.registers().registers()) {
            int unreported = 0;
            for (Registers.Entry e : register.entries()) {
                boolean any = false;
                for (int m : e.measures()) {
                    if (covered.contains(e.subject() + '\u0000' + m)) continue;
                    any = true;
                    Measure measure = pack.ledger().measure(m);
                    String name = e.name() == null ? e.subject() : e.name() + "（" + e.subject() + "）";
                    String nameEn = e.name() == null ? e.subject() : e.name() + " (" + e.subject() + ")";
                    Finding f = new Finding(m, m + "-register-" + register.name(), e.subject(),
                            e.type() == null ? "Registered" : e.type(), Status.NO_DATA, null, null,
                            measure.unitsFor(e.town()),
                            new Message("登记对象" + name + "未报送第" + m + "项措施所需的数据",
                                    nameEn + " is in the " + register.name() + " register but reported no data for measure " + m),
                            measure.deadline().describe(pack.ledger()), span(pack.ledger(), measure, o.asOf()), null, null, List.of());
                    Ranked r = Ranked.of(f);
                    findings.add(r);
                    scorecard.add(r);
                }
                if (any) unreported++;
            }
            cards.add(new NightReport.RegisterCard(register.name(), register.entries().size(), unreported));
        }
        findings.sort(Ranked.ORDER);
        writer.write(findings);
        return cards;
    }

    private NightReport report(Scorecard s, long facts, long duplicates, List<NightReport.RegisterCard> registers,
                               NightReport.HistoryCard history, NightReport.Trends trends) {
        Map<Integer, Integer> rules = new TreeMap<>();
        for (RuleInfo r : pack.rules()) rules.merge(r.measure(), 1, Integer::sum);
        IntPredicate hasData = m -> {
            Scorecard.Tally t = s.measures().get(m);
            return t != null && t.total() > t.count(Status.NO_DATA);
        };
        List<Integer> withoutData = service.measuresWithoutData(o.registers().measures(), hasData);
        List<NightReport.MeasureCard> measures = new ArrayList<>();
        for (Measure m : pack.ledger().measures()) {
            Scorecard.Tally t = s.measures().get(m.number());
            boolean noData = !hasData.test(m.number());
            measures.add(new NightReport.MeasureCard(m.number(), m.category(), m.text(), m.summary(),
                    rules.getOrDefault(m.number(), 0), noData, NightReport.counts(t), t == null ? null : t.rate(),
                    t == null ? 0 : t.failingCount(), t == null ? List.of() : t.failing()));
        }
        List<String> towns = pack.ledger().towns() == null ? List.of() : pack.ledger().towns();
        Map<String, Scorecard.Tally> ordered = new LinkedHashMap<>();
        s.units().forEach((u, t) -> { if (!towns.contains(u)) ordered.put(u, t); });
        for (String town : towns) if (s.units().containsKey(town)) ordered.put(town, s.units().get(town));
        List<NightReport.UnitCard> units = new ArrayList<>();
        ordered.forEach((u, t) -> units.add(new NightReport.UnitCard(u, towns.contains(u), NightReport.counts(t), t.rate(),
                t.failingCount(), t.failing())));
        return new NightReport(o.asOf(), new NightReport.Pack(pack.ledger().pack(), pack.hash()), reader.inputs(),
                reader.records(), facts, duplicates, rejects, s.all().total(), NightReport.counts(s.all()), s.all().rate(),
                withoutData, measures, units, registers, history, trends);
    }

    /**
     * The disk space a night takes at most beside its output, by what it writes, as measured on generated nights
     * (docs/batch.md, "Output"): findings.jsonl's lines about 1.3 times the input's bytes, written once and then copied
     * behind the header (1.5 times the input when compressed: the lines, then their gzip or Zstandard); every finding
     * whole (--all-messages) about 6.4 times, written once (a tenth of that compressed); partitions in files
     * ({@code spilledBytes}: the night's bytes, history included; 0 in memory) half their bytes; a tenth more for nights
     * unlike the generated ones; and the reports, whose lists are capped ({@link #REPORTS_BYTES}).
     */
    static long spaceNeeded(long inputBytes, Compression compression, boolean allMessages, long spilledBytes) {
        boolean compressed = compression != Compression.NONE;
        double findings = allMessages ? (compressed ? 0.7 : 6.4) : (compressed ? 1.5 : 2.7);
        double bytes = 1.1 * (findings * inputBytes + 0.5 * spilledBytes) + REPORTS_BYTES;
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    /** The reports' bytes at most, as their lists are capped: 20 MB for the 300,000-record night, 5 MB for 3,000 records. */
    static final long REPORTS_BYTES = 32_000_000L;

    /** The free space of the disk a path is on (of its nearest existing folder); a test gives its own. */
    private java.util.function.ToLongFunction<Path> usableSpace = BatchRun::usableSpace;

    BatchRun usableSpace(java.util.function.ToLongFunction<Path> usableSpace) {
        this.usableSpace = usableSpace;
        return this;
    }

    private static long usableSpace(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) p = p.getParent();
        try {
            return p == null ? Long.MAX_VALUE : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: the night finds out as it writes
        }
    }

    /** Refuses a night its output's disk has clearly no room for, before it reads a record. */
    private void refuseWithoutSpace(Path outDir, long inputBytes, long spilledBytes) throws NoSpace {
        long needed = spaceNeeded(inputBytes, compression, allMessages, spilledBytes);
        long free = usableSpace.applyAsLong(outDir);
        if (free >= needed) return;
        throw new NoSpace("--out " + outDir + ": its disk has " + megabytes(free) + " free, and this night ("
                + megabytes(inputBytes) + " of input) needs about " + megabytes(needed) + " while it runs"
                + (compression == Compression.NONE ? " (findings.jsonl is written, then copied behind its header)" : "")
                + "; free space there, give --out on a disk with more room"
                + (compression == Compression.NONE ? ", or write findings.jsonl compressed (--compress zstd)" : ""), free, needed);
    }

    /** Bytes in megabytes for people, rounded up. */
    public static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "unlimited" : String.format(java.util.Locale.ROOT, "%,d MB", (bytes + 999_999) / 1_000_000);
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // the next night clears it before it starts
        }
    }

    /** The work (or old) folder of an output folder: beside it, so that it can replace it by a rename. */
    static Path beside(Path outDir, String suffix) throws OutputRefused {
        Path name = outDir.getFileName();
        if (name == null) throw new OutputRefused("--out " + outDir + ": the output folder cannot be a file system's root");
        return outDir.resolveSibling("." + name + suffix);
    }

    private static void refuseForeignFiles(Path outDir) throws IOException {
        if (!Files.exists(outDir)) return;
        if (!Files.isDirectory(outDir)) throw new OutputRefused("--out " + outDir + ": is a file, not a folder");
        try (Stream<Path> list = Files.list(outDir)) {
            List<String> foreign = list.map(p -> p.getFileName().toString()).filter(n -> !OUTPUTS.contains(n)).sorted().limit(5).toList();
            if (!foreign.isEmpty()) {
                throw new OutputRefused("--out " + outDir + ": holds other files than a night's output (" + String.join(", ", foreign)
                        + "); the batch replaces the whole folder, so give a new or empty folder, or one an earlier batch wrote");
            }
        }
    }

    /** Replaces the output folder with the finished work folder as a whole, then removes the previous output. */
    private static void publish(Path work, Path outDir, Path old) throws IOException {
        if (outDir.getParent() != null) Files.createDirectories(outDir.getParent());
        if (Files.exists(outDir)) Files.move(outDir, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(work, outDir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The period a register's unreported subject is judged over: the measure's period that contains the night. */
    private static Span span(org.lantian.pack.Ledger ledger, Measure measure, LocalDate day) {
        org.lantian.pack.Period p = org.lantian.pack.Periods.of(measure, null, day, ledger);
        return new Span(p.from(), p.to());
    }
}
