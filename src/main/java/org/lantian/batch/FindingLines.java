package org.lantian.batch;

import com.fasterxml.jackson.core.JsonGenerator;
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

    private static final byte[] MEASURE = JsonOut.ascii("{\"measure\":");
    private static final byte[] SUBJECT = JsonOut.ascii(",\"subject\":");
    private static final byte[] SUBJECT_TYPE = JsonOut.ascii(",\"subjectType\":");
    private static final byte[] OBSERVED = JsonOut.ascii(",\"observed\":");
    private static final byte[] TARGET = JsonOut.ascii(",\"target\":");
    private static final byte[] UNITS = JsonOut.ascii(",\"units\":");
    private static final byte[] ZH = JsonOut.ascii(",\"message\":{\"zh\":");
    private static final byte[] EN = JsonOut.ascii(",\"en\":");
    private static final byte[] DEADLINE = JsonOut.ascii(",\"deadline\":");
    private static final byte[] PERIOD = JsonOut.ascii(",\"period\":");
    private static final byte[] WAIVER = JsonOut.ascii(",\"waiver\":");
    private static final byte[] EVIDENCE = JsonOut.ascii(",\"evidence\":[");
    private static final byte[] TYPE = JsonOut.ascii("\"type\":");
    private static final byte[] DAY = JsonOut.ascii(",\"day\":");
    private static final byte[] SUBMISSION = JsonOut.ascii(",\"submission\":");
    private static final byte[] FINDINGS = JsonOut.ascii(",\"findings\":[");
    private static final byte[] END_LINE = JsonOut.ascii("}\n");
    private static final byte[] END_GROUP = JsonOut.ascii("]}\n");
    /** {@code ,"status":"PASS"} and so on, by the status's ordinal. */
    private static final byte[][] STATUSES = Arrays.stream(Status.values())
            .map(s -> JsonOut.ascii(",\"status\":\"" + s.name() + "\"")).toArray(byte[][]::new);

    /** A rule with findings in the file: its header entry, its name ready to write, its groups open in the current block. */
    private static final class Rule {
        final Defaults defaults;
        final String name;
        /** {@code "rule":NAME}, the field every line of the rule has. */
        final byte[] field;
        final List<Group> open = new ArrayList<>(2);
        int block = -1;

        Rule(Finding first) {
            defaults = Defaults.of(first);
            name = first.rule();
            field = concat(JsonOut.ascii("\"rule\":"), JsonOut.quoted(name));
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
    /** Whole findings ({@code whole}) go through the mapper's generator, the file's lines straight to bytes. */
    private final JsonGenerator generator;
    private final JsonOut out;
    private final Map<String, Rule> rules = new HashMap<>();
    /** The rule of the last finding looked up: findings come sorted by rule, so nearly always the next one's too. */
    private Rule last;
    private int blocks;

    FindingLines(OutputStream out, boolean whole) throws IOException {
        this.whole = whole;
        if (whole) {
            this.generator = Json.MAPPER.getFactory().createGenerator(out);
            this.generator.setRootValueSeparator(null);
            this.out = null;
        } else {
            this.generator = null;
            this.out = new JsonOut(out);
        }
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
        if (whole) generator.flush();
        else out.flush();
    }

    private Rule rule(Finding f) {
        Rule r = last;
        if (r == null || !r.name.equals(f.rule())) last = r = rules.computeIfAbsent(f.rule(), n -> new Rule(f));
        return r;
    }

    private void whole(Finding f) throws IOException {
        generator.writeObject(f);
        generator.writeRaw('\n');
    }

    /** A finding on a line of its own: its message, its evidence as the facts' references, the fields its rule's entry does not say. */
    private void single(Finding f) throws IOException {
        Rule rule = rule(f);
        Defaults d = rule.defaults;
        start(f.measure(), rule);
        text(SUBJECT, f.subject());
        unless(SUBJECT_TYPE, f.subjectType(), d.subjectType());
        out.raw(STATUSES[f.status().ordinal()]);
        if (f.observed() != null) {
            out.raw(OBSERVED);
            out.value(f.observed());
        }
        unless(TARGET, f.target(), d.target());
        unless(UNITS, f.units(), d.units());
        if (f.message() != null) {
            // As the mapper writes a Message: zh, then en, null ones included.
            out.raw(ZH);
            out.string(f.message().zh());
            out.raw(EN);
            out.string(f.message().en());
            out.raw('}');
        }
        unless(DEADLINE, f.deadline(), d.deadline());
        unless(PERIOD, f.period(), d.period());
        text(WAIVER, f.waiver());
        if (f.evidence() != null) evidence(f.evidence());
        text(SUBMISSION, f.submission());
        out.raw(END_LINE);
    }

    /** A line's start: {@code {"rule":NAME} or, where the measure is not the rule's, {@code {"measure":N,"rule":NAME}. */
    private void start(int measure, Rule rule) throws IOException {
        if (measure != rule.defaults.measure()) {
            out.raw(MEASURE);
            out.number(measure);
            out.raw(',');
        } else {
            out.raw('{');
        }
        out.raw(rule.field);
    }

    private void evidence(List<Evidence> evidence) throws IOException {
        out.raw(EVIDENCE);
        for (int i = 0; i < evidence.size(); i++) {
            // Only the fact's reference is written: its fields are not read for it.
            Evidence e = evidence instanceof Evidence.References refs ? refs.reference(i) : evidence.get(i);
            if (i > 0) out.raw(',');
            out.raw('{');
            // Its fields as the mapper writes them: those that are not null, in this order.
            boolean first = true;
            if (e.type() != null) {
                out.raw(TYPE);
                out.string(e.type());
                first = false;
            }
            first = field(first, SUBJECT, e.subject());
            first = field(first, SUBMISSION, e.submission());
            if (e.day() != null) {
                out.raw(DAY, first ? 1 : 0, first ? DAY.length - 1 : DAY.length);
                out.date(e.day());
            }
            out.raw('}');
        }
        out.raw(']');
    }

    /** An evidence's field unless null, {@code name} without its comma when it is the object's first. */
    private boolean field(boolean first, byte[] name, String value) throws IOException {
        if (value == null) return first;
        if (first) out.raw(name, 1, name.length - 1);
        else out.raw(name);
        out.string(value);
        return false;
    }

    /** Findings of one rule and status listed on one line: [subject, observed, submission] each, and target where it is not the rule's. */
    private void group(Group line) throws IOException {
        Finding first = line.findings.get(0);
        Defaults d = line.rule.defaults;
        start(first.measure(), line.rule);
        unless(SUBJECT_TYPE, first.subjectType(), d.subjectType());
        out.raw(STATUSES[first.status().ordinal()]);
        unless(UNITS, first.units(), d.units());
        unless(DEADLINE, first.deadline(), d.deadline());
        unless(PERIOD, first.period(), d.period());
        out.raw(FINDINGS);
        Object target = d.target();
        List<Finding> findings = line.findings;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (i > 0) out.raw(',');
            out.raw('[');
            out.string(f.subject());
            out.raw(',');
            out.value(f.observed());
            out.raw(',');
            out.string(f.submission());
            if (!Objects.equals(f.target(), target)) {
                out.raw(',');
                out.value(f.target());
            }
            out.raw(']');
        }
        out.raw(END_GROUP);
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

    private void text(byte[] name, String value) throws IOException {
        if (value != null) {
            out.raw(name);
            out.string(value);
        }
    }

    /** A field unless it is what the rule's entry says; null when the entry has a value and the finding none. */
    private void unless(byte[] name, Object value, Object rules) throws IOException {
        if (Objects.equals(value, rules)) return;
        out.raw(name);
        out.value(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
