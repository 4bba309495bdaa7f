package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.lantian.Json;
import org.lantian.domain.Evidence;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Span;
import org.lantian.domain.Status;

/**
 * findings.jsonl's lines ({@link FindingLines}) read back ({@link FindingsFile}) are the findings written, in the
 * file's order, but for what the contract leaves out, whatever the findings hold: any text, absent fields,
 * values other than the header's; and {@code --all-messages} writes the same findings whole in the same order.
 */
class FindingLinesTest {
    /** Writes blocks as the night does (header first) and returns the findings in the file's order. */
    private static List<Finding> write(List<List<Ranked>> blocks, Path file, boolean whole) throws IOException {
        List<Finding> order = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        FindingLines lines = new FindingLines(body, whole);
        for (List<Ranked> block : blocks) lines.write(block, order::add);
        lines.flush();
        try (var out = Files.newOutputStream(file)) {
            if (!whole) lines.header(out);
            body.writeTo(out);
        }
        return order;
    }

    private static List<List<Ranked>> blocks(List<Finding> findings, int blocks) {
        List<List<Ranked>> all = new ArrayList<>();
        int size = Math.max(1, (findings.size() + blocks - 1) / blocks);
        for (int i = 0; i < findings.size(); i += size) {
            List<Ranked> block = new ArrayList<>();
            for (Finding f : findings.subList(i, Math.min(findings.size(), i + size))) block.add(Ranked.of(f));
            block.sort(Ranked.ORDER);
            all.add(block);
        }
        return all;
    }

    @Property(tries = 200)
    void whatIsWrittenReadsBackAsTheFindingsButForWhatTheFileLeavesOut(@ForAll("findings") @Size(max = 300) List<Finding> findings,
                                                                       @ForAll @IntRange(min = 1, max = 3) int blocks) throws IOException {
        Path dir = Files.createTempDirectory("lantian-lines-");
        try {
            List<List<Ranked>> split = blocks(findings, blocks);
            List<Finding> order = write(split, dir.resolve("findings.jsonl"), false);
            List<Finding> wholeOrder = write(split, dir.resolve("whole.jsonl"), true);
            assertEquals(findings.size(), order.size());
            assertEquals(order, wholeOrder, "the same order either way");
            List<ObjectNode> read = FindingsFile.readAll(dir.resolve("findings.jsonl"));
            List<ObjectNode> whole = FindingsFile.readAll(dir.resolve("whole.jsonl"));
            List<String> wholeLines = Files.readAllLines(dir.resolve("whole.jsonl"), StandardCharsets.UTF_8);
            assertEquals(order.size(), read.size());
            for (int i = 0; i < order.size(); i++) {
                ObjectNode expected = Json.MAPPER.valueToTree(order.get(i));
                assertEquals(expected, whole.get(i), "--all-messages: whole");
                assertEquals(Json.MAPPER.writeValueAsString(order.get(i)), wholeLines.get(i));
                assertEquals(FindingsFile.asListed(expected), read.get(i), "finding " + i);
            }
        } finally {
            BatchRun.deleteTree(dir);
        }
    }

    @Property(tries = 5)
    void aLineListsAtMostAThousandFindings(@ForAll @IntRange(min = 1, max = 3500) int passes) throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            findings.add(new Finding(13, "13-daily-sweeps", String.format("R-%05d/2022-06-30", i), "RoadCleaning", Status.PASS, 3, 3,
                    List.of("北街街道"), new Message("扫", "swept"), "ongoing", new Span(LocalDate.of(2022, 6, 30), LocalDate.of(2022, 6, 30)),
                    "S-" + i, null, List.of()));
        }
        Path dir = Files.createTempDirectory("lantian-lines-");
        try {
            write(blocks(findings, 1), dir.resolve("findings.jsonl"), false);
            List<String> lines = Files.readAllLines(dir.resolve("findings.jsonl"));
            assertEquals(1 + (passes + FindingLines.GROUP - 1) / FindingLines.GROUP, lines.size(), "a header and a line per thousand");
            for (String line : lines.subList(1, lines.size())) {
                JsonNode n = Json.MAPPER.readTree(line);
                assertTrue(n.get("findings").size() <= FindingLines.GROUP);
                assertEquals(List.of("rule", "status", "findings"), List.copyOf(iterable(n)), "the header says the rest: " + line);
            }
            assertEquals(passes, FindingsFile.readAll(dir.resolve("findings.jsonl")).size());
        } finally {
            BatchRun.deleteTree(dir);
        }
    }

    private static List<String> iterable(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Provide
    Arbitrary<List<Finding>> findings() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange((char) 0, (char) 0xD7FF).ofMaxLength(12);
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.integers().between(-5, 5).map(i -> (Object) i),
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("41/68", "2022-06-30", "A|B").map(s -> (Object) s)).injectNull(0.2);
        Arbitrary<Span> period = Arbitraries.of(new Span(LocalDate.of(2022, 6, 30), LocalDate.of(2022, 6, 30)),
                new Span(LocalDate.of(2022, 6, 27), LocalDate.of(2022, 7, 3))).injectNull(0.1);
        Arbitrary<List<String>> units = Arbitraries.of(List.of("北街街道", "区市容环卫中心"), List.of("A|B"), List.<String>of()).injectNull(0.1);
        Arbitrary<Evidence> evidence = Combinators.combine(Arbitraries.of("RoadCleaning", "Restaurant"), text, text.injectNull(0.5),
                Arbitraries.of(LocalDate.of(2022, 6, 30)).injectNull(0.5), value)
                .as((type, subject, submission, day, v) -> new Evidence(type, subject, submission, day,
                        v == null ? Map.of() : Map.of("field", v)));
        Arbitrary<Finding> head = Combinators.combine(Arbitraries.of("13-a", "13-b", "34-c"), Arbitraries.integers().between(13, 14),
                text.injectNull(0.05), Arbitraries.of("Road", "Restaurant").injectNull(0.1), Arbitraries.of(Status.class), value, value, units)
                .as((rule, measure, subject, type, status, observed, target, u) -> new Finding(measure, rule, subject, type, status, observed,
                        target, u, null, null, null, null, null, null));
        return Combinators.combine(head, Arbitraries.of(new Message("未扫", "not swept"), new Message("\"引号\"\n", "a\\b")).injectNull(0.05),
                        Arbitraries.of("ongoing", "2022-12-31").injectNull(0.1), period, text.injectNull(0.2), evidence.list().ofMaxSize(2).injectNull(0.1))
                .as((f, message, deadline, p, submission, ev) -> new Finding(f.measure(), f.rule(), f.subject(), f.subjectType(), f.status(),
                        f.observed(), f.target(), f.units(), message, deadline, p, submission,
                        f.status() == Status.WAIVED ? "W-1" : null, ev))
                .list();
    }
}
