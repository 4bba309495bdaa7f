package org.lantian.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    private static final SerializedString MEASURE = new SerializedString("measure");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString SUBJECT = new SerializedString("subject");
    private static final SerializedString SUBJECT_TYPE = new SerializedString("subjectType");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString OBSERVED = new SerializedString("observed");
    private static final SerializedString TARGET = new SerializedString("target");
    private static final SerializedString UNITS = new SerializedString("units");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString ZH = new SerializedString("zh");
    private static final SerializedString EN = new SerializedString("en");
    private static final SerializedString DEADLINE = new SerializedString("deadline");
    private static final SerializedString PERIOD = new SerializedString("period");
    private static final SerializedString FROM = new SerializedString("from");
    private static final SerializedString TO = new SerializedString("to");
    private static final SerializedString WAIVER = new SerializedString("waiver");
    private static final SerializedString EVIDENCE = new SerializedString("evidence");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString DAY = new SerializedString("day");
    private static final SerializedString SUBMISSION = new SerializedString("submission");
    private static final SerializedString FINDINGS = new SerializedString("findings");
    private static final SerializedString[] STATUSES = Arrays.stream(Status.values())
            .map(s -> new SerializedString(s.name())).toArray(SerializedString[]::new);

    /** A rule with findings in the file: its header entry, its name ready to write, its groups open in the current block. */
    private static final class Rule {
        final Defaults defaults;
        final SerializedString name;
        final List<Group> open = new ArrayList<>(2);
        int block = -1;

        Rule(Finding first) {
            defaults = Defaults.of(first);
            name = new SerializedString(first.rule());
        }

        /** The group of the current block a listed finding joins, if one is open: same status and fields. */
        Group open(Finding f, int block) {
            if (this.block != block) {
                this.block = block;
                open.clear();
                return null;
            }
            for (Group g : open) if (g.takes(f)) return g;
            return null;
        }
    }

    /** Listed findings of one rule that agree in status and fields: one line. */
    private static final class Group {
        final Rule rule;
        final List<Finding> findings = new ArrayList<>();

        Group(Rule rule) {
            this.rule = rule;
        }

        boolean takes(Finding f) {
            Finding g = findings.get(0);
            return g.status() == f.status() && g.measure() == f.measure() && Objects.equals(g.subjectType(), f.subjectType())
                    && Objects.equals(g.units(), f.units()) && Objects.equals(g.deadline(), f.deadline())
                    && Objects.equals(g.period(), f.period());
        }
    }

    private final boolean whole;
    private final JsonGenerator out;
    private final Map<String, Rule> rules = new HashMap<>();
    /** The rule of the last finding looked up: findings come sorted by rule, so nearly always the next one's too. */
    private Rule last;
    private int blocks;

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
     * Writes a block of findings (in their order); hands each finding, in the file's order, to {@code each}
     * (unless null).
     */
    void write(List<Ranked> block, Each each) throws IOException {
        int b = blocks++;
        // A line: a Finding of its own, or a Group.
        List<Object> lines = new ArrayList<>();
        for (Ranked r : block) {
            Finding f = r.finding();
            // Looked up in the file's order: a rule's entry is made of its first finding in the file.
            Rule rule = rule(f);
            if (!listed(f)) {
                lines.add(f);
                continue;
            }
            Group group = rule.open(f, b);
            if (group == null || group.findings.size() == GROUP) {
                if (group != null) rule.open.remove(group);
                group = new Group(rule);
                rule.open.add(group);
                lines.add(group);
            }
            group.findings.add(f);
        }
        for (Object line : lines) {
            if (line instanceof Finding f) {
                if (each != null) each.accept(f);
                if (whole) whole(f);
                else single(f);
            } else {
                Group g = (Group) line;
                if (each != null) for (Finding f : g.findings) each.accept(f);
                if (whole) for (Finding f : g.findings) whole(f);
                else group(g);
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    private Rule rule(Finding f) {
        Rule r = last;
        if (r == null || !r.name.getValue().equals(f.rule())) last = r = rules.computeIfAbsent(f.rule(), n -> new Rule(f));
        return r;
    }

    private void whole(Finding f) throws IOException {
        out.writeObject(f);
        out.writeRaw('\n');
    }

    /** A finding on a line of its own: its message, its evidence as the facts' references, the fields its rule's entry does not say. */
    private void single(Finding f) throws IOException {
        Rule rule = rule(f);
        Defaults d = rule.defaults;
        out.writeStartObject();
        if (f.measure() != d.measure()) {
            out.writeFieldName(MEASURE);
            out.writeNumber(f.measure());
        }
        out.writeFieldName(RULE);
        out.writeString(rule.name);
        text(SUBJECT, f.subject());
        unless(SUBJECT_TYPE, f.subjectType(), d.subjectType());
        out.writeFieldName(STATUS);
        out.writeString(STATUSES[f.status().ordinal()]);
        if (f.observed() != null) {
            out.writeFieldName(OBSERVED);
            value(f.observed());
        }
        unless(TARGET, f.target(), d.target());
        unless(UNITS, f.units(), d.units());
        if (f.message() != null) {
            // As the mapper writes a Message: zh, then en, null ones included.
            out.writeFieldName(MESSAGE);
            out.writeStartObject();
            out.writeFieldName(ZH);
            out.writeString(f.message().zh());
            out.writeFieldName(EN);
            out.writeString(f.message().en());
            out.writeEndObject();
        }
        unless(DEADLINE, f.deadline(), d.deadline());
        unless(PERIOD, f.period(), d.period());
        text(WAIVER, f.waiver());
        if (f.evidence() != null) evidence(f.evidence());
        text(SUBMISSION, f.submission());
        out.writeEndObject();
        out.writeRaw('\n');
    }

    private void evidence(List<Evidence> evidence) throws IOException {
        out.writeFieldName(EVIDENCE);
        out.writeStartArray();
        for (Evidence e : evidence) {
            out.writeStartObject();
            text(TYPE, e.type());
            text(SUBJECT, e.subject());
            text(SUBMISSION, e.submission());
            if (e.day() != null) {
                out.writeFieldName(DAY);
                out.writeString(e.day().toString());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** Findings of one rule and status listed on one line: [subject, observed, submission] each, and target where it is not the rule's. */
    private void group(Group line) throws IOException {
        Finding first = line.findings.get(0);
        Defaults d = line.rule.defaults;
        out.writeStartObject();
        if (first.measure() != d.measure()) {
            out.writeFieldName(MEASURE);
            out.writeNumber(first.measure());
        }
        out.writeFieldName(RULE);
        out.writeString(line.rule.name);
        unless(SUBJECT_TYPE, first.subjectType(), d.subjectType());
        out.writeFieldName(STATUS);
        out.writeString(STATUSES[first.status().ordinal()]);
        unless(UNITS, first.units(), d.units());
        unless(DEADLINE, first.deadline(), d.deadline());
        unless(PERIOD, first.period(), d.period());
        out.writeFieldName(FINDINGS);
        out.writeStartArray();
        Object target = d.target();
        for (Finding f : line.findings) {
            out.writeStartArray();
            out.writeString(f.subject());
            value(f.observed());
            out.writeString(f.submission());
            if (!Objects.equals(f.target(), target)) value(f.target());
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
            for (Map.Entry<String, Rule> e : new TreeMap<>(rules).entrySet()) {
                Defaults d = e.getValue().defaults;
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

    private void text(SerializedString name, String value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeString(value);
        }
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
            out.writeFieldName(FROM);
            out.writeString(p.from() == null ? null : p.from().toString());
            out.writeFieldName(TO);
            out.writeString(p.to() == null ? null : p.to().toString());
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
    private void unless(SerializedString name, Object value, Object rules) throws IOException {
        if (Objects.equals(value, rules)) return;
        out.writeFieldName(name);
        value(value);
    }
}
