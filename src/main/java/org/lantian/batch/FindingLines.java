package org.lantian.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lantian.Json;
import org.lantian.domain.Evidence;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.domain.Status;

/**
 * Writes a night's findings as findings.jsonl has them ({@link FindingsFile}, docs/findings.md), block after
 * block (a block: the findings of one partition, in their order). Within a block the PASS and NOT_APPLICABLE
 * findings of a rule that agree in every field but subject, observed, target and submission are listed together
 * at the place of the first of them, at most {@link #GROUP} to a line; every other finding has a line of its own.
 * A line leaves out what its rule's entry in the header says (the fields of the rule's first finding in the
 * file), so the header is known only at the end: {@link #header()}.
 *
 * <p>With {@code whole} every finding is written whole, one a line, in the same order and without a header
 * ({@code lantian batch --all-messages}, what {@code lantian explain} prints). Not thread-safe.
 */
final class FindingLines {
    /** PASS and NOT_APPLICABLE findings to a line at most. */
    static final int GROUP = 1000;

    /** What the header says of a rule: the fields of its first finding in the file. */
    record Defaults(int measure, String subjectType, List<String> units, String deadline, Span period, Object target) {
        static Defaults of(Finding f) {
            return new Defaults(f.measure(), f.subjectType(), f.units(), f.deadline(), f.period(), f.target());
        }
    }

    /** The fields the findings listed on one line share. */
    private record GroupKey(String rule, Status status, int measure, String subjectType, List<String> units, String deadline,
                            Span period) {
        static GroupKey of(Finding f) {
            return new GroupKey(f.rule(), f.status(), f.measure(), f.subjectType(), f.units(), f.deadline(), f.period());
        }
    }

    private final boolean whole;
    private final JsonGenerator out;
    private final Map<String, Defaults> rules = new HashMap<>();

    FindingLines(OutputStream out, boolean whole) throws IOException {
        this.whole = whole;
        this.out = Json.MAPPER.getFactory().createGenerator(out);
        this.out.setRootValueSeparator(null);
    }

    /** What is done with each finding, in the file's order. */
    interface Each {
        void accept(Finding f) throws IOException;
    }

    /** Whether a finding is listed with others of its rule rather than on a line of its own. */
    static boolean listed(Finding f) {
        return (f.status() == Status.PASS || f.status() == Status.NOT_APPLICABLE) && f.waiver() == null;
    }

    /**
     * Writes a block of findings (in their order); hands each finding, in the file's order, to {@code each}.
     */
    void write(List<Ranked> block, Each each) throws IOException {
        List<List<Finding>> lines = new ArrayList<>();
        Map<GroupKey, List<Finding>> open = new LinkedHashMap<>();
        for (Ranked r : block) {
            Finding f = r.finding();
            if (!listed(f)) {
                lines.add(List.of(f));
                continue;
            }
            GroupKey key = GroupKey.of(f);
            List<Finding> group = open.get(key);
            if (group == null || group.size() == GROUP) {
                group = new ArrayList<>();
                open.put(key, group);
                lines.add(group);
            }
            group.add(f);
        }
        for (List<Finding> line : lines) {
            for (Finding f : line) each.accept(f);
            if (whole) {
                for (Finding f : line) {
                    out.writeObject(f);
                    out.writeRaw('\n');
                }
            } else if (listed(line.get(0))) {
                group(line);
            } else {
                single(line.get(0));
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    private Defaults defaults(Finding f) {
        return rules.computeIfAbsent(f.rule(), r -> Defaults.of(f));
    }

    /** A finding on a line of its own: its message, its evidence as the facts' references, the fields its rule's entry does not say. */
    private void single(Finding f) throws IOException {
        Defaults d = defaults(f);
        out.writeStartObject();
        if (f.measure() != d.measure()) out.writeNumberField("measure", f.measure());
        text("rule", f.rule());
        text("subject", f.subject());
        unless("subjectType", f.subjectType(), d.subjectType());
        out.writeStringField("status", f.status().name());
        if (f.observed() != null) value("observed", f.observed());
        unless("target", f.target(), d.target());
        unless("units", f.units(), d.units());
        if (f.message() != null) {
            // As the mapper writes a Message: zh, then en, null ones included.
            out.writeObjectFieldStart("message");
            out.writeStringField("zh", f.message().zh());
            out.writeStringField("en", f.message().en());
            out.writeEndObject();
        }
        unless("deadline", f.deadline(), d.deadline());
        unless("period", f.period(), d.period());
        text("waiver", f.waiver());
        if (f.evidence() != null) {
            out.writeArrayFieldStart("evidence");
            for (Evidence e : f.evidence()) {
                out.writeStartObject();
                text("type", e.type());
                text("subject", e.subject());
                text("submission", e.submission());
                if (e.day() != null) out.writeStringField("day", e.day().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        text("submission", f.submission());
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** Findings of one rule and status listed on one line: [subject, observed, submission] each, and target where it is not the rule's. */
    private void group(List<Finding> line) throws IOException {
        Finding first = line.get(0);
        Defaults d = defaults(first);
        out.writeStartObject();
        if (first.measure() != d.measure()) out.writeNumberField("measure", first.measure());
        text("rule", first.rule());
        unless("subjectType", first.subjectType(), d.subjectType());
        out.writeStringField("status", first.status().name());
        unless("units", first.units(), d.units());
        unless("deadline", first.deadline(), d.deadline());
        unless("period", first.period(), d.period());
        out.writeArrayFieldStart("findings");
        for (Finding f : line) {
            out.writeStartArray();
            out.writeString(f.subject());
            value(f.observed());
            out.writeString(f.submission());
            if (!Objects.equals(f.target(), d.target())) value(f.target());
            out.writeEndArray();
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** The first line: the format and, for every rule with a finding, the fields of its first finding. */
    void header(OutputStream to) throws IOException {
        try (JsonGenerator h = Json.MAPPER.getFactory().createGenerator(to)) {
            h.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            h.writeStartObject();
            h.writeStringField("format", FindingsFile.FORMAT);
            h.writeObjectFieldStart("rules");
            for (Map.Entry<String, Defaults> e : new TreeMap<>(rules).entrySet()) {
                Defaults d = e.getValue();
                h.writeObjectFieldStart(e.getKey());
                h.writeNumberField("measure", d.measure());
                if (d.subjectType() != null) h.writeStringField("subjectType", d.subjectType());
                if (d.units() != null) h.writeObjectField("units", d.units());
                if (d.deadline() != null) h.writeStringField("deadline", d.deadline());
                if (d.period() != null) h.writeObjectField("period", d.period());
                if (d.target() != null) h.writeObjectField("target", d.target());
                h.writeEndObject();
            }
            h.writeEndObject();
            h.writeEndObject();
            h.writeRaw('\n');
        }
    }

    private void text(String name, String value) throws IOException {
        if (value != null) out.writeStringField(name, value);
    }

    private void value(String name, Object value) throws IOException {
        out.writeFieldName(name);
        value(value);
    }

    /** A value as Jackson's mapper writes it; the kinds findings hold most, without its look-up. */
    private void value(Object value) throws IOException {
        if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Span p) {
            out.writeStartObject();
            out.writeStringField("from", p.from() == null ? null : p.from().toString());
            out.writeStringField("to", p.to() == null ? null : p.to().toString());
            out.writeEndObject();
        } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            out.writeStartArray();
            for (Object o : list) out.writeString((String) o);
            out.writeEndArray();
        } else {
            out.writeObject(value);
        }
    }

    /** A field unless it is what the rule's entry says; null when the entry has a value and the finding none. */
    private void unless(String name, Object value, Object rules) throws IOException {
        if (Objects.equals(value, rules)) return;
        out.writeFieldName(name);
        value(value);
    }
}
