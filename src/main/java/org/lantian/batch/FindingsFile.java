package org.lantian.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.lantian.Json;

/**
 * Reads a night's findings.jsonl (or .gz, .zst) back as findings, one JSON object each with a finding's fields
 * in their order (docs/findings.md): the header's fields of each rule filled in, each finding listed on a PASS
 * or NOT_APPLICABLE line given its own object. Such findings have no message, and evidence is the facts'
 * references; {@code lantian explain} gives them whole. A file written with {@code --all-messages} (whole
 * findings, no header) is read as it is.
 */
public final class FindingsFile implements Closeable {
    /** The header line's {@code format}. */
    public static final String FORMAT = "lantian-findings/2";
    /** A finding's fields, in order. */
    static final List<String> FIELDS = List.of("measure", "rule", "subject", "subjectType", "status", "observed", "target", "units",
            "message", "deadline", "period", "waiver", "evidence", "submission");
    /** The fields a line leaves out when they are its rule's in the header. */
    static final Set<String> RULES = Set.of("measure", "subjectType", "units", "deadline", "period", "target");

    private final BufferedReader in;
    private final Path file;
    private final Deque<ObjectNode> ready = new ArrayDeque<>();
    private ObjectNode rules;
    private long line;

    private FindingsFile(Path file) throws IOException {
        this.file = file;
        this.in = new BufferedReader(new InputStreamReader(Compression.read(file), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens a findings file, compressed or not; {@link #next()} gives its findings. */
    public static FindingsFile open(Path file) throws IOException {
        FindingsFile f = new FindingsFile(file);
        String first = f.in.readLine();
        if (first == null) return f;
        f.line = 1;
        JsonNode head = f.parse(first);
        if (head.has("format")) {
            if (!FORMAT.equals(head.get("format").asText()) || !head.path("rules").isObject()) {
                throw f.bad("a header of another format (" + head.get("format") + "; this version reads " + FORMAT + ")");
            }
            f.rules = (ObjectNode) head.get("rules");
        } else {
            f.ready.add((ObjectNode) head); // a file of whole findings
        }
        return f;
    }

    /** Every finding of a file (for a small night: a large one's are better read one by one with {@link #next()}). */
    public static List<ObjectNode> readAll(Path file) throws IOException {
        List<ObjectNode> all = new ArrayList<>();
        try (FindingsFile f = open(file)) {
            for (ObjectNode n; (n = f.next()) != null; ) all.add(n);
        }
        return all;
    }

    /** True for a file of whole findings, one a line ({@code --all-messages}), false for one with a header. */
    public boolean wholeFindings() {
        return rules == null;
    }

    /** The next finding, or null at the end. */
    public ObjectNode next() throws IOException {
        while (ready.isEmpty()) {
            String text = in.readLine();
            if (text == null) return null;
            line++;
            JsonNode node = parse(text);
            if (rules == null) {
                ready.add((ObjectNode) node);
            } else if (node.has("findings")) {
                JsonNode listed = ((ObjectNode) node).remove("findings");
                if (!listed.isArray()) throw bad("\"findings\" is not a list");
                for (JsonNode entry : listed) {
                    if (!entry.isArray() || entry.size() < 3 || entry.size() > 4) throw bad("an entry of \"findings\" is not [subject, observed, submission(, target)]");
                    ObjectNode one = ((ObjectNode) node).deepCopy();
                    one.set("subject", entry.get(0));
                    one.set("observed", entry.get(1));
                    one.set("submission", entry.get(2));
                    if (entry.size() == 4) one.set("target", entry.get(3));
                    ready.add(whole(one));
                }
            } else {
                ready.add(whole((ObjectNode) node));
            }
        }
        return ready.poll();
    }

    /** A line as a finding: its fields in order, those it leaves out from its rule's header entry, a null field left out. */
    private ObjectNode whole(ObjectNode line) throws IOException {
        JsonNode rule = line.get("rule");
        if (rule == null || !rules.path(rule.asText()).isObject()) throw bad("a rule the header does not list: " + rule);
        JsonNode defaults = rules.get(rule.asText());
        ObjectNode f = Json.MAPPER.createObjectNode();
        for (String field : FIELDS) {
            JsonNode v = line.has(field) ? line.get(field) : RULES.contains(field) ? defaults.get(field) : null;
            if (v != null && !v.isNull()) f.set(field, v);
        }
        return f;
    }

    private JsonNode parse(String text) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode)) throw bad("not a JSON object");
        return node;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private IOException bad(String what) {
        return new IOException(file + " line " + line + ": " + what);
    }

    /**
     * A whole finding as a file with a header gives it back: listed with its rule's others (PASS, NOT_APPLICABLE)
     * without message and evidence, on a line of its own with its evidence as references (without the facts' fields).
     */
    public static ObjectNode asListed(ObjectNode whole) {
        ObjectNode f = whole.deepCopy();
        String status = f.path("status").asText();
        if ((status.equals("PASS") || status.equals("NOT_APPLICABLE")) && !f.has("waiver")) {
            f.remove("message");
            f.remove("evidence");
        } else if (f.get("evidence") instanceof ArrayNode evidence) {
            for (JsonNode e : evidence) ((ObjectNode) e).remove("fields");
        }
        return f;
    }
}
