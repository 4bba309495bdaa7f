package org.lantian.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lantian.Json;
import org.lantian.domain.Fact;
import org.lantian.input.FactReader;
import org.lantian.input.FactTypes;
import org.lantian.input.InvalidInputException;
import org.lantian.input.LineBinder;
import org.lantian.input.Problem;
import org.lantian.input.StrictJson;
import org.lantian.service.EvaluationService;

/**
 * Streams the records of a night out of its input files (and {@link Documents} such as the store's day) and
 * validates each through {@link EvaluationService}, so a bad record is rejected with the same messages as
 * {@code check} while the records around it are kept.
 *
 * <ul>
 *   <li>{@code *.json}: one submission object (or an array of them, or a bare fact);</li>
 *   <li>{@code *.jsonl} / {@code *.ndjson}: one submission object or bare fact (with {@code type} and an
 *       optional {@code submission}) per line;</li>
 *   <li>{@code <FactType>.csv}: a header row of field names, then one fact per line (a list field holds
 *       its items separated by {@code ;}; an empty cell is not reported).</li>
 * </ul>
 *
 * A submission object's id seen again with the same content is counted once; with different content the
 * second is rejected as a conflict. (Bare facts are deduplicated later, per partition, see {@link Partitions}.)
 */
public final class InputReader {
    /** Receives what the reader finds, in input order. */
    public interface Sink {
        /** A fact read; {@code json} gives its JSON text when asked (a line bound straight from its bytes is decoded only then). */
        void fact(Fact fact, Supplier<String> json, Origin origin) throws IOException;

        void reject(Reject reject) throws IOException;
    }

    private static final ObjectReader CSV_LINE = new CsvMapper()
            .readerFor(String[].class);

    private record Seen(long hash, String file, long line) {
    }

    private final EvaluationService service;
    private final List<Path> files;
    private final List<Documents> documents;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Seen> submissions = new HashMap<>();
    private final MessageDigest sha = sha256();
    private final List<InputFile> inputs = new ArrayList<>();
    private long records;
    private long duplicates;
    private long bytes;
    private Sink sink;
    private int threads = 1;
    private int fileIndex;
    private String fileName;

    /** Reads files, each validated through the service (the one validation step). */
    public InputReader(EvaluationService service, List<Path> files) {
        this(service, files, List.of());
    }

    /** Reads files, then documents that come from elsewhere (the store's day). */
    public InputReader(EvaluationService service, List<Path> files, List<Documents> documents) {
        this.service = service;
        this.files = files;
        this.documents = documents;
        files.forEach(f -> names.add(f.toString()));
        documents.forEach(d -> names.add(d.name()));
    }

    /** Expands folders (recursively, in name order) to the files they hold; missing paths are an error. */
    public static List<Path> expand(List<Path> inputs) throws NoSuchFileException, IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).filter(InputReader::readable).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new NoSuchFileException(input.toString());
            }
        }
        return files;
    }

    private static boolean readable(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".csv");
    }

    /** Parses and validates the lines of JSON Lines files on this many threads (1: on the caller's). */
    public InputReader threads(int threads) {
        this.threads = Math.max(1, threads);
        return this;
    }

    public List<Path> files() {
        return files;
    }

    public String name(int file) {
        return names.get(file);
    }

    /** Reads every file into the sink. */
    public void read(Sink sink) throws IOException {
        this.sink = sink;
        for (fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            Path file = files.get(fileIndex);
            fileName = names.get(fileIndex);
            String n = file.getFileName().toString();
            sha.reset();
            long size;
            if (n.endsWith(".csv") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
                try (LineReader lines = new LineReader(Files.newInputStream(file), sha)) {
                    if (n.endsWith(".csv")) readCsv(lines, n.substring(0, n.length() - 4));
                    else readJsonLines(lines);
                    size = lines.bytesRead();
                }
            } else {
                size = readJsonFile(file);
            }
            bytes += size;
            inputs.add(new InputFile(fileName, size, HexFormat.of().formatHex(sha.digest())));
        }
        for (Documents d : documents) {
            fileName = names.get(fileIndex);
            sha.reset();
            long[] line = {0};
            long[] size = {0};
            d.forEach(json -> {
                byte[] utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sha.update(utf8);
                sha.update((byte) '\n');
                size[0] += utf8.length + 1;
                document(json, ++line[0]);
            });
            bytes += size[0];
            inputs.add(new InputFile(fileName, size[0], HexFormat.of().formatHex(sha.digest())));
            fileIndex++;
        }
    }

    /** One document of a {@link Documents} input, read as a line of a JSON Lines file is. */
    private void document(String json, long line) throws IOException {
        JsonNode node;
        try {
            node = StrictJson.parse(json);
        } catch (InvalidInputException e) {
            records++;
            sink.reject(new Reject(fileName, line, null, List.of(notJson(e, false))));
            return;
        }
        record(node, json, line);
    }

    /** An input file of the night: its name as given, size and SHA-256, so a report says what it was made from. */
    public record InputFile(String file, long bytes, String sha256) {
    }

    public List<InputFile> inputs() {
        return inputs;
    }

    /** Records read: facts (valid or not) and lines that held no usable record. */
    public long records() {
        return records;
    }

    /** Facts skipped because their submission object was read before with the same content. */
    public long duplicates() {
        return duplicates;
    }

    public long bytes() {
        return bytes;
    }

    /** Lines parsed and validated by one task when several threads read. */
    static final int CHUNK = 256;

    /**
     * A line of a JSON Lines file as read: its bytes (decoded by the thread that parses it), its text where
     * it was decoded already, or why it could not be decoded.
     */
    private record Line(long number, byte[] bytes, String text, boolean newline, String bad) {
    }

    /**
     * Reads a JSON Lines file. With more than one thread the lines are cut into chunks of {@link #CHUNK}, each
     * parsed and validated by a task of a pool, while this thread reads ahead and hands the chunks' results on
     * in input order, so that what the sink receives is the same whatever the number of threads.
     */
    private void readJsonLines(LineReader lines) throws IOException {
        if (threads <= 1) {
            for (Line l; (l = nextLine(lines)) != null; ) apply(parse(l));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<List<Parsed>>> ahead = new ArrayDeque<>();
            List<Line> chunk = new ArrayList<>(CHUNK);
            for (Line l; (l = nextLine(lines)) != null; ) {
                chunk.add(l);
                if (chunk.size() == CHUNK) {
                    ahead.add(submit(pool, chunk));
                    chunk = new ArrayList<>(CHUNK);
                    // A few chunks a thread in flight, no more: memory stays that of a few thousand lines.
                    while (ahead.size() >= 4 * threads) applyAll(Tasks.await(ahead.poll()));
                }
            }
            if (!chunk.isEmpty()) ahead.add(submit(pool, chunk));
            while (!ahead.isEmpty()) applyAll(Tasks.await(ahead.poll()));
        } finally {
            pool.shutdownNow();
        }
    }

    private Future<List<Parsed>> submit(ExecutorService pool, List<Line> chunk) {
        return pool.submit(() -> {
            List<Parsed> out = new ArrayList<>(chunk.size());
            for (Line l : chunk) out.add(parse(l));
            return out;
        });
    }

    private void applyAll(List<Parsed> parsed) throws IOException {
        for (Parsed p : parsed) apply(p);
    }

    /**
     * The next non-blank line, or null at the end (a line with bad UTF-8 is returned with why). A line that
     * starts with an ASCII character other than white space is not blank: it is left undecoded.
     */
    private static Line nextLine(LineReader lines) throws IOException {
        while (true) {
            byte[] bytes = lines.nextBytes();
            if (bytes == null) return null;
            int i = 0;
            while (i < bytes.length && asciiSpace(bytes[i])) i++;
            if (i == bytes.length) continue;
            if (bytes[i] >= 0) return new Line(lines.number(), bytes, null, lines.lastHadNewline(), null);
            try {
                String text = LineReader.decode(bytes, lines.lastHadNewline());
                if (!text.isBlank()) return new Line(lines.number(), bytes, text, lines.lastHadNewline(), null);
            } catch (LineReader.BadLine e) {
                return new Line(lines.number(), null, null, false, e.getMessage());
            }
        }
    }

    /** The ASCII characters {@link Character#isWhitespace} counts as white space (as String.isBlank does). */
    private static boolean asciiSpace(byte b) {
        return b == ' ' || b >= 9 && b <= 13 || b >= 28 && b <= 31;
    }

    /** A line's text, decoded where it was not yet. */
    private static String text(Line l) throws LineReader.BadLine {
        return l.text() != null ? l.text() : LineReader.decode(l.bytes(), l.newline());
    }

    /** One line as what it holds; touches no state of the reader (several threads run it). */
    private Parsed parse(Line l) throws IOException {
        if (l.bad() != null) return new NotJson(l.number(), List.of(l.bad()));
        String text = l.text();
        if (text == null && !LineReader.validUtf8(l.bytes())) {
            try {
                text = text(l); // not valid UTF-8: the decoder names the bad byte
            } catch (LineReader.BadLine e) {
                return new NotJson(l.number(), List.of(e.getMessage()));
            }
        }
        // A bare fact in the common form is bound straight from its bytes (a line not decoded yet is decoded only if its
        // text is asked for); any other line is read as a tree, which alone says why a line is rejected.
        LineBinder.Bound bound = service.reader().readLine(l.bytes());
        if (bound != null) return new Bare(l.number(), bound.submission(), bound.fact(), text, text == null ? l.bytes() : null, null);
        if (text == null) text = new String(l.bytes(), StandardCharsets.UTF_8); // valid UTF-8: as the decoder takes it
        JsonNode node;
        try {
            node = StrictJson.parse(text);
        } catch (InvalidInputException e) {
            return new NotJson(l.number(), List.of(notJson(e, !l.newline())));
        }
        return parse(node, text, l.number(), "line " + l.number());
    }

    /** Reads a whole JSON file; returns its size. */
    private long readJsonFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        sha.update(content);
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            records++;
            sink.reject(new Reject(fileName, 1, null, List.of("not valid UTF-8 text")));
            return content.length;
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        JsonNode node;
        try {
            node = StrictJson.parse(text);
        } catch (InvalidInputException e) {
            records++;
            String found = e.problems().get(0).found();
            var line = java.util.regex.Pattern.compile(" at line (\\d+),").matcher(found);
            sink.reject(new Reject(fileName, line.find() ? Long.parseLong(line.group(1)) : 1, null, List.of(notJson(e, false))));
            return content.length;
        }
        if (node == null || node.isMissingNode()) {
            records++;
            sink.reject(new Reject(fileName, 1, null, List.of("empty, expected a submission JSON object")));
        } else if (node.isArray()) {
            for (JsonNode element : node) record(element, null, 1);
        } else {
            record(node, null, 1);
        }
        return content.length;
    }

    /** "not valid JSON at line 1, column 7: character 'x' (at /facts/0)": StrictJson's problem as one reason. */
    private static String notJson(InvalidInputException e, boolean truncated) {
        Problem p = e.problems().get(0);
        if (!"valid JSON".equals(p.expected())) return "empty, expected a submission JSON object";
        String found = p.found();
        int at = found.lastIndexOf(" at line ");
        return "not valid JSON" + (at < 0 ? ": " + found : found.substring(at) + ": " + found.substring(0, at))
                + (p.pointer().isEmpty() ? "" : " (at " + p.pointer() + ")")
                + (truncated ? " (the file ends without a newline here: truncated?)" : "");
    }

    /** One JSON value of the input: a bare fact (it has a type) or a submission object. */
    private void record(JsonNode node, String text, long line) throws IOException {
        apply(parse(node, text, line, "line " + line));
    }

    /**
     * What a JSON value of the input holds, worked out without touching the reader's state (so that several
     * threads can work it out for the lines of a file): a bare fact, a submission object or a line that is
     * no JSON. {@link #apply} then counts it and hands it on, in input order.
     */
    private sealed interface Parsed permits NotJson, Bare, Whole {
    }

    /** A line that could not be read or parsed: one record, rejected with these reasons. */
    private record NotJson(long line, List<String> reasons) implements Parsed {
    }

    /**
     * A bare fact: the fact, or the reasons it is rejected; {@code json} its text, or null where that is {@code utf8}'s,
     * decoded when asked for ({@link #get}).
     */
    private record Bare(long line, String submission, Fact fact, String json, byte[] utf8, List<String> reasons)
            implements Parsed, Supplier<String> {
        Bare(long line, String submission, Fact fact, String json, List<String> reasons) {
            this(line, submission, fact, json, null, reasons);
        }

        @Override
        public String get() {
            return json != null ? json : new String(utf8, StandardCharsets.UTF_8);
        }
    }

    /**
     * A submission object: its id and content hash (for counting it once), and either the reasons its
     * envelope is rejected ({@code records} counted) or each fact's result (a {@link Bare} each).
     */
    private record Whole(long line, String id, long hash, int records, List<String> envelope, List<Bare> facts) implements Parsed {
    }

    private Parsed parse(JsonNode node, String text, long line, String label) throws IOException {
        if (node != null && node.isObject() && node.has("type")) return bare((ObjectNode) node, text, line, label);
        return submission(node, line);
    }

    private Bare bare(ObjectNode node, String text, long line, String label) {
        List<Problem> problems = new ArrayList<>();
        String submission = null;
        JsonNode id = node.get("submission");
        if (id != null && !id.isNull()) {
            Problem p = service.reader().checkId(id, "/submission", label);
            if (p == null) submission = id.asText();
            else problems.add(p);
        }
        Fact fact = service.validateFact(node, "", label, problems);
        if (!problems.isEmpty() || fact == null) return new Bare(line, submission, null, null, describe(problems));
        return new Bare(line, submission, fact, text != null ? text : node.toString(), null);
    }

    private Whole submission(JsonNode node, long line) throws IOException {
        try {
            var read = service.validate(node);
            JsonNode array = node.get("facts");
            List<Bare> facts = new ArrayList<>(read.facts().size());
            for (int i = 0; i < read.facts().size(); i++) {
                facts.add(new Bare(line, read.submission(), read.facts().get(i), array.get(i).toString(), null));
            }
            return new Whole(line, read.submission(), contentHash(node), facts.size(), null, facts);
        } catch (InvalidInputException e) {
            // Problems of single facts reject those facts; problems of the envelope reject the submission.
            boolean envelope = e.problems().stream().anyMatch(p -> !p.pointer().matches("/facts/\\d+(/.*)?"));
            String id = node.path("submission").isTextual() ? node.get("submission").asText() : null;
            JsonNode array = node.path("facts");
            if (envelope) {
                return new Whole(line, id, 0, Math.max(1, array.isArray() ? array.size() : 0), describe(e.problems()), null);
            }
            List<Bare> facts = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                List<Problem> problems = new ArrayList<>();
                Fact fact = service.validateFact(array.get(i), "/facts/" + i, "fact " + i, problems);
                if (fact == null || !problems.isEmpty()) facts.add(new Bare(line, id, null, null, describe(problems)));
                else facts.add(new Bare(line, id, fact, array.get(i).toString(), null));
            }
            return new Whole(line, id, contentHash(node), array.size(), null, facts);
        }
    }

    /** Counts what a value held and hands its facts and rejects to the sink; in input order, on one thread. */
    private void apply(Parsed parsed) throws IOException {
        if (parsed instanceof NotJson n) {
            records++;
            sink.reject(new Reject(fileName, n.line(), null, n.reasons()));
        } else if (parsed instanceof Bare b) {
            emit(b, true);
        } else if (parsed instanceof Whole w) {
            if (w.envelope() != null) {
                records += w.records();
                sink.reject(new Reject(fileName, w.line(), w.id(), w.envelope()));
            } else if (admit(w.id(), w.hash(), w.line(), w.records())) {
                for (Bare b : w.facts()) emit(b, false);
            }
        }
    }

    private void emit(Bare b, boolean bare) throws IOException {
        records++;
        if (b.fact() == null) sink.reject(new Reject(fileName, b.line(), b.submission(), b.reasons()));
        else sink.fact(b.fact(), b, new Origin(fileIndex, b.line(), b.submission(), bare));
    }

    /** False (after counting or rejecting it) when the submission id was read before. */
    private boolean admit(String id, long hash, long line, int size) throws IOException {
        Seen before = submissions.putIfAbsent(id, new Seen(hash, fileName, line));
        if (before == null) return true;
        if (before.hash() == hash) {
            duplicates += size;
            return false;
        }
        records += size;
        sink.reject(new Reject(fileName, line, id, List.of("conflict: submission " + id + " was already read from "
                + before.file() + " line " + before.line() + " with different content; this one is not used")));
        return false;
    }

    /** A hash of the content whatever the order of its fields, so a re-sent submission is recognised. */
    private static long contentHash(JsonNode node) throws IOException {
        Object plain = Json.MAPPER.treeToValue(node, Object.class);
        byte[] canonical = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(plain);
        return ByteBuffer.wrap(sha256().digest(canonical)).getLong();
    }

    private void readCsv(LineReader lines, String typeName) throws IOException {
        var type = FactTypes.byName(typeName);
        String[] header = null;
        for (Line l; (l = nextLine(lines)) != null; ) {
            if (l.bad() != null) {
                apply(new NotJson(l.number(), List.of(l.bad())));
                continue;
            }
            String text;
            try {
                text = text(l);
            } catch (LineReader.BadLine e) {
                apply(new NotJson(l.number(), List.of(e.getMessage())));
                continue;
            }
            String[] cells;
            try {
                cells = CSV_LINE.readValue(text);
            } catch (JsonProcessingException e) {
                records++;
                sink.reject(new Reject(fileName, lines.number(), null, List.of("not a valid CSV row (a quote left open?)")));
                continue;
            }
            if (header == null) {
                header = cells;
                if (type.isEmpty()) {
                    sink.reject(new Reject(fileName, 1, null, List.of("a CSV file is named after its fact type, one of "
                            + FactTypes.names() + "; found \"" + typeName + "\"; the file is not used")));
                    return;
                }
                continue;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", typeName);
            for (int i = 0; i < header.length && i < cells.length; i++) {
                String name = header[i].trim();
                String cell = cells[i].trim();
                if (!cell.isEmpty()) node.set(name, cell(type.get(), name, cell));
            }
            List<String> extra = new ArrayList<>();
            if (cells.length > header.length) extra.add("/ (row " + lines.number() + "): expected " + header.length
                    + " cells as in the header, found " + cells.length);
            if (!extra.isEmpty()) {
                records++;
                sink.reject(new Reject(fileName, lines.number(), node.path("submission").asText(null), extra));
                continue;
            }
            apply(bare(node, null, lines.number(), "row " + lines.number()));
        }
    }

    /** A CSV cell as the JSON value its field expects; a cell that does not convert stays text so the reader names it. */
    private static JsonNode cell(Class<?> type, String field, String cell) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        for (RecordComponent c : type.getRecordComponents()) {
            if (!c.getName().equals(field)) continue;
            Class<?> t = c.getType();
            try {
                if (t == Integer.class || t == Long.class) return f.numberNode(Long.parseLong(cell));
                if (t == Double.class) return f.numberNode(Double.parseDouble(cell));
            } catch (NumberFormatException e) {
                return f.textNode(cell);
            }
            if (t == Boolean.class) {
                if (cell.equalsIgnoreCase("true") || cell.equals("是")) return f.booleanNode(true);
                if (cell.equalsIgnoreCase("false") || cell.equals("否")) return f.booleanNode(false);
                return f.textNode(cell);
            }
            if (t == List.class && c.getGenericType() instanceof ParameterizedType) {
                var array = f.arrayNode();
                for (String item : cell.split(";")) if (!item.isBlank()) array.add(item.trim());
                return array;
            }
            return f.textNode(cell);
        }
        return f.textNode(cell);
    }

    private static List<String> describe(List<Problem> problems) {
        return problems.stream().map(Problem::describe).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
