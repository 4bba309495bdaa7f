package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;
import org.lantian.batch.Registers;
import org.lantian.domain.Fact;
import org.lantian.tools.NightGenerator;

/**
 * The binder of a line's bytes accepts only what the tree's reader accepts, and binds it to an equal fact: over
 * the lines of a generated night (valid and broken) and those lines mutated (a field left out or added, a value
 * of another type, huge and tiny numbers, odd dates, {@code A|B} towns, control characters, half surrogate
 * pairs, keys twice, more after the object, fields reordered). Where it refuses, the batch reads the tree as
 * before, which alone writes the reasons of a reject.
 */
class LineBinderTest {
    private static final FactReader READER = new FactReader(TestPacks.ledger());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Replaced in the text by an escaped half surrogate pair (a Java string cannot carry one through UTF-8). */
    private static final String LONE = "@@LONE@@";
    private static final List<String> LINES = night();

    private static final List<JsonNode> VALUES = List.of(
            F.numberNode(new BigDecimal("1e400")), F.numberNode(new BigDecimal("-1e400")), F.numberNode(new BigDecimal("1e-400")),
            F.numberNode(new BigDecimal("-0.0")), F.numberNode(new BigDecimal("0.0")), F.numberNode(0), F.numberNode(-1),
            F.numberNode(1), F.numberNode(new BigDecimal("1.0")), F.numberNode(new BigDecimal("1.0000000000000000001")),
            F.numberNode(new BigDecimal("0.99999999999999999999")), F.numberNode(100), F.numberNode(new BigDecimal("100.00000000000000001")),
            F.numberNode(new BigDecimal("1e12")), F.numberNode(new BigDecimal("1000000000000.0000000001")),
            F.numberNode(new BigDecimal("-1e12")), F.numberNode(new BigDecimal("0.000001")), F.numberNode(new BigDecimal("0.00000099999999999999999")),
            F.numberNode(new BigDecimal("0.0000010000000000000000001")), F.numberNode(new BigDecimal("-0.000001")),
            F.numberNode(1e308), F.numberNode(new BigInteger("99999999999999999999")), F.numberNode(2147483648L),
            F.numberNode(1_000_000_000L), F.numberNode(1_000_000_001L), F.numberNode(-1_000_000_000L), F.numberNode(2022),
            F.numberNode(new BigDecimal("2022.0")), F.numberNode(7), F.numberNode(99), F.numberNode(0.5), F.numberNode(1.5),
            F.numberNode(new BigDecimal("32.67")), F.numberNode(new BigDecimal("1.50")),
            F.textNode(""), F.textNode(" "), F.textNode("x".repeat(200)), F.textNode("x".repeat(201)), F.textNode("北街街道|南村镇"),
            F.textNode("北街街道"), F.textNode("北街"), F.textNode("a\u0000b"), F.textNode("a\u001fb"), F.textNode("a\u007fb"),
            F.textNode("a\u0085b"), F.textNode(LONE), F.textNode("x" + LONE + "y"), F.textNode("😀"), F.textNode("\uFFFD"),
            F.textNode("\u3000"), F.textNode("2022-06-30"), F.textNode("2022-01-01"), F.textNode("-999999999-01-01"),
            F.textNode("+999999999-12-31"), F.textNode("2000-01-01"), F.textNode("2099-12-31"), F.textNode("2022-02-30"),
            F.textNode("2022-6-30"), F.textNode("+2022-06-30"), F.textNode("２０２２-06-30"), F.textNode("2022-06-30T10:15:00+08:00"),
            F.textNode("25:61"), F.textNode("24:00"), F.textNode("00:00"), F.textNode("23:59"), F.textNode("7:30"),
            F.textNode("MAIN"), F.textNode("main"), F.textNode("NONE"), F.textNode("YELLOW"), F.textNode("5"), F.textNode("true"),
            F.booleanNode(true), F.booleanNode(false), F.nullNode(), F.arrayNode(), F.objectNode(),
            F.arrayNode().add("2022-06-30").add("2022-06-29"), F.arrayNode().add("2022-06-30").add("2022-13-01"),
            F.arrayNode().add(1).add("a"), F.arrayNode().addNull(), F.arrayNode().add(LONE), F.objectNode().put("a", 1));

    private static final List<String> NAMES = List.of("type", "submission", "facts", "", "town", "date", "areaM2", "sweeps",
            "road", "id", "year", "measure", "maxTempC", "alertLevel", "cleanings", "Town", "x", LONE, "a\u0000");

    /** One mutation of a line: what to do, to which field, with which value or name. */
    record Edit(int op, int where, int what) {
    }

    /** A line of the night, its fields edited, then one change of its text. */
    record Case(int line, List<Edit> edits, int textOp) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Edit::new);
        return Combinators.combine(Arbitraries.integers().between(0, LINES.size() - 1), edit.list().ofMaxSize(3),
                Arbitraries.integers().between(0, 9)).as(Case::new);
    }

    @Property(tries = 20_000)
    void whatTheBinderAcceptsTheTreeAcceptsAndBindsEqually(@ForAll("cases") Case c) {
        byte[] line = line(c);
        boolean tree = assertAgrees(line);
        Statistics.collect(tree ? "tree accepts" : "tree refuses", READER.readLine(line) != null ? "binder accepts" : "binder refuses");
    }

    @Test
    void theLinesOfAGeneratedNightBindStraightFromTheirBytes() {
        int accepted = 0;
        int bare = 0;
        for (String line : LINES) {
            if (assertAgrees(line.getBytes(StandardCharsets.UTF_8))) bare++;
            if (READER.readLine(line.getBytes(StandardCharsets.UTF_8)) != null) accepted++;
        }
        assertTrue(bare > 5_000, bare + " bare facts the tree accepts");
        assertTrue(accepted > bare * 0.99, accepted + " of " + bare + " bound straight from the bytes");
    }

    @Test
    void whatTheTreeRefusesTheBinderRefuses() {
        String ok = "{\"type\":\"WeatherDay\",\"submission\":\"S-1\",\"date\":\"2022-06-24\",\"maxTempC\":32.67,\"alertLevel\":\"NONE\"}";
        assertNotNull(READER.readLine(bytes(ok)));
        for (String bad : List.of(
                ok.replace("32.67", "1e400"), ok.replace("32.67", "-0.0000001"), ok.replace("2022-06-24", "-999999999-06-24"),
                ok.replace("2022-06-24", "2022-02-30"), ok.replace("\"NONE\"", "0"), ok.replace("\"S-1\"", "\"S\\ud800\""),
                ok.replace("\"S-1\"", "\" \""), ok.replace("\"S-1\"", "1"), ok.replace("}", ",\"date\":\"2022-06-25\"}"),
                ok + " {}", ok + "x", ok.replace("}", ",\"extra\":1}"), ok.replace(",\"date\":\"2022-06-24\"", ""),
                ok.replace("32.67", "\"32.67\""), ok.replace("}", ",\"submission\":\"S-2\"}"),
                ok.replace("}", ",\"type\":\"WeatherDay\"}"), ok.replace("}", ",\"alertLevel\":null}"), ok.replace("\"NONE\"", "\"none\""), ok.replace("S-1", "S\\u0001"))) {
            assertNull(READER.readLine(bytes(bad)), bad);
            assertAgrees(bytes(bad));
        }
    }

    /**
     * The tree's verdict on a line as the batch reads a bare fact (StrictJson, the submission id, readFact), and the
     * binder's: when the binder accepts, the tree accepts an equal fact with the same submission. True when the tree
     * accepts a bare fact.
     */
    private static boolean assertAgrees(byte[] utf8) {
        LineBinder.Bound fast = READER.readLine(utf8);
        String text = new String(utf8, StandardCharsets.UTF_8);
        Fact tree = null;
        String submission = null;
        List<Problem> problems = new ArrayList<>();
        try {
            JsonNode node = StrictJson.parse(text);
            if (node.isObject() && node.has("type")) {
                JsonNode id = node.get("submission");
                if (id != null && !id.isNull()) {
                    Problem p = READER.checkId(id, "/submission", "line");
                    if (p == null) submission = id.asText();
                    else problems.add(p);
                }
                tree = READER.readFact(node, "", "line", problems);
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        boolean accepted = tree != null && problems.isEmpty();
        if (fast != null) {
            assertTrue(accepted, "the binder accepts what the tree refuses: " + text + " " + problems);
            assertEquals(tree, fast.fact(), text);
            assertEquals(submission, fast.submission(), text);
        }
        return accepted;
    }

    private static byte[] line(Case c) {
        String base = LINES.get(c.line());
        JsonNode node;
        try {
            node = StrictJson.parse(base);
        } catch (InvalidInputException e) {
            return bytes(base);
        }
        if (node instanceof ObjectNode o) for (Edit e : c.edits()) edit(o, e);
        String text = node.toString().replace(LONE, "\\ud800");
        return bytes(switch (c.textOp()) {
            case 1 -> text + " {}";
            case 2 -> text.replaceFirst("\\{", "{\"date\":\"2022-06-30\",");
            case 3 -> text.replaceFirst("\\{(\"type\":\"[A-Za-z]+\"),(.*)}$", "{$2,$1}"); // "type" last
            case 4 -> text.replaceFirst(":(-?\\d+)([,}])", ":$1.0$2");
            case 5 -> text.replaceFirst(":(-?\\d+(\\.\\d+)?)([,}])", ":$1e0$3");
            case 6 -> text.replaceFirst("\"([A-Z]+-)", "\"\\\\udc00$1"); // a low surrogate alone
            case 7 -> text + "   ";
            case 8 -> text.replace("\"", " \" ").replace(" \" :", "\":"); // white space around values
            default -> text;
        });
    }

    private static void edit(ObjectNode o, Edit e) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) return;
        String name = names.get(e.where() % names.size());
        JsonNode value = VALUES.get(e.what() % VALUES.size()).deepCopy();
        switch (e.op()) {
            case 0, 1 -> { if (!name.equals("type")) o.set(name, value); }
            case 2 -> o.remove(name);
            case 3 -> o.set(NAMES.get(e.what() % NAMES.size()), value);
            case 4 -> { // fields in another order
                List<String> shuffled = new ArrayList<>(names);
                java.util.Collections.rotate(shuffled, 1 + e.what() % names.size());
                ObjectNode copy = o.deepCopy();
                o.removeAll();
                for (String n : shuffled) o.set(n, copy.get(n));
            }
            default -> { // a list field's items as hostile values
                if (o.get(name) != null && o.get(name).isArray()) o.putArray(name).add(value);
                else if (!name.equals("type")) o.set(name, F.arrayNode().add(value));
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The lines of a generated night, a few of them broken. */
    private static List<String> night() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var pack = TestPacks.ledgerPack();
            new NightGenerator(new NightGenerator.Options(10_000, LocalDate.of(2022, 6, 30), 11, 0.1, 0.01),
                    Registers.load(pack.dir(), pack.ledger())).write(out);
            return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
