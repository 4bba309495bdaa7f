package org.lantian.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.input.FactTypes;

/**
 * Hostile submissions for the fuzz properties: a valid document (a sample inspection or a pack test case)
 * mutated in its values, fields, types, sizes and nesting, then in its bytes (truncated, trailing bytes,
 * duplicate keys, bad UTF-8, UTF-16, control characters, half surrogate pairs). Each mutation is a few
 * small numbers, so jqwik can shrink a failing case to the simplest one.
 */
final class Hostile {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Replaced in the text by an escaped half surrogate pair (a Java string cannot carry one through UTF-8). */
    static final String LONE = "@@LONE@@";

    /** Valid documents to start from: the sample inspections and every pack test case as a submission. */
    static final List<ObjectNode> SEEDS = seeds();

    static final List<JsonNode> VALUES = List.of(
            F.numberNode(new BigDecimal("1e400")), F.numberNode(new BigDecimal("-1e400")), F.numberNode(new BigDecimal("1e-400")),
            F.numberNode(1e308), F.numberNode(new BigInteger("99999999999999999999")), F.numberNode(-1), F.numberNode(0),
            F.numberNode(1), F.numberNode(2147483648L), F.numberNode(0.5), F.numberNode(1.5), F.numberNode(100.5),
            F.numberNode(101), F.numberNode(1e12), F.numberNode(new BigDecimal("0.000001")), F.numberNode(3),
            F.textNode(""), F.textNode(" "), F.textNode("x".repeat(5000)), F.textNode("北街街道|南村镇"), F.textNode("北街街"),
            F.textNode("北街街道"), F.textNode("%"), F.textNode("_"), F.textNode("a\u0000b"), F.textNode("a\u001fb"),
            F.textNode(LONE), F.textNode("x" + LONE + "y"), F.textNode("2022-06-30"), F.textNode("-999999999-01-01"),
            F.textNode("+999999999-12-31"), F.textNode("2000-01-01"), F.textNode("2099-12-31"), F.textNode("0001-01-01"), F.textNode("9999-12-31"), F.textNode("2022-02-30"),
            F.textNode("2022-06-30T10:15:00+08:00"), F.textNode("+999999999-12-31T23:59:59Z"), F.textNode("-999999999-01-01T00:00:00Z"),
            F.textNode("25:61"), F.textNode("00:00"), F.textNode("23:59"), F.textNode("😀"), F.textNode("MAIN"), F.textNode("FAIL"),
            F.textNode("Infinity"), F.textNode("\u202eevil"), F.textNode("R-017"), F.booleanNode(true), F.booleanNode(false),
            F.nullNode(), F.arrayNode(), F.objectNode(), F.arrayNode().add(1).add("a"), F.objectNode().put("a", 1),
            F.arrayNode().add("2022-06-30").add("2022-13-01"), F.arrayNode().add(LONE));

    static final List<String> NAMES = List.of("type", "submission", "inspector", "facts", "submittedAt", "", "a/b~c", LONE,
            "x".repeat(300), "town", "date", "areaM2", "sweeps", "__proto__", "constructor", "\u0000");

    private Hostile() {
    }

    /** One mutation of the tree: what to do, where (an index into the document's nodes), with which value or name. */
    record Edit(int op, int where, int what) {
    }

    /** A hostile submission: which seed, the edits of its tree, one change of its bytes. */
    record Case(int seed, List<Edit> edits, int bytesOp, int bytesWhere) {
        byte[] bytes() {
            return Hostile.bytes(this);
        }
    }

    static Arbitrary<Case> cases() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000)).as(Edit::new);
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1), edit.list().ofMaxSize(4),
                Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 100_000)).as(Case::new);
    }

    static byte[] bytes(Case c) {
        ObjectNode doc = SEEDS.get(c.seed()).deepCopy();
        for (Edit e : c.edits()) apply(doc, e);
        String text = doc.toString().replace(LONE, "\\ud800");
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int at = b.length == 0 ? 0 : c.bytesWhere() % b.length;
        return switch (c.bytesOp()) {
            case 1 -> Arrays.copyOf(b, at); // truncated
            case 2 -> concat(b, " {}".getBytes(StandardCharsets.UTF_8)); // a second document after the first
            case 3 -> concat(b, "x".getBytes(StandardCharsets.UTF_8));
            case 4 -> text.replaceFirst("\\{", "{\"inspector\":\"INS-99\",").getBytes(StandardCharsets.UTF_8); // a key twice
            case 5 -> insert(b, at, new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
            case 6 -> text.getBytes(StandardCharsets.UTF_16); // UTF-16 with a byte order mark
            case 7 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b); // UTF-8 byte order mark
            case 8 -> replace(b, at, (byte) 0x01); // a control character anywhere
            case 9 -> text.replaceFirst(":(-?\\d)", ":NaN").getBytes(StandardCharsets.UTF_8);
            case 10 -> text.replaceFirst("\"([A-Z]+-)", "\"\\\\udc00$1").getBytes(StandardCharsets.UTF_8); // a low surrogate alone
            case 11 -> ("[".repeat(1001) + text + "]".repeat(1001)).getBytes(StandardCharsets.UTF_8); // nested too deep
            default -> b;
        };
    }

    private static void apply(ObjectNode doc, Edit e) {
        List<JsonNode> containers = new ArrayList<>();
        collect(doc, containers, 0);
        JsonNode target = containers.get(e.where() % containers.size());
        JsonNode value = VALUES.get(e.what() % VALUES.size()).deepCopy(); // VALUES are shared: never edited in place
        switch (e.op()) {
            case 0, 1 -> set(target, e.where(), value); // a field or item becomes a hostile value
            case 2 -> remove(target, e.where()); // a field or item left out
            case 3 -> { // an unknown or repeated field
                if (target instanceof ObjectNode o) o.set(NAMES.get(e.what() % NAMES.size()), value);
            }
            case 4 -> { // many copies of a fact: sizes
                JsonNode facts = doc.get("facts");
                if (facts instanceof ArrayNode a && !a.isEmpty()) {
                    JsonNode one = a.get(e.where() % a.size());
                    for (int i = 0; i < 1 + e.what() % 300; i++) a.add(one.deepCopy());
                }
            }
            case 5 -> { // a fact of another type with this one's fields
                if (target instanceof ObjectNode o && o.has("type")) {
                    o.put("type", FactTypes.names().get(e.what() % FactTypes.names().size()));
                }
            }
            case 6 -> set(target, e.where(), nested(e.what() % 900)); // nesting, at depth <= 50 (deeper than the parser allows: bytes op 11)
            default -> set(target, e.where(), swapped(child(target, e.where()))); // a number as text, text as a number
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out, int depth) {
        if (!node.isContainerNode() || depth > 50) return;
        out.add(node);
        for (JsonNode child : node) collect(child, out, depth + 1);
    }

    private static JsonNode child(JsonNode container, int where) {
        if (container.isEmpty()) return null;
        return container.get(where % container.size()) != null ? container.get(where % container.size())
                : container.get(fieldName(container, where));
    }

    private static String fieldName(JsonNode o, int where) {
        Iterator<String> names = o.fieldNames();
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list.isEmpty() ? null : list.get(where % list.size());
    }

    private static void set(JsonNode container, int where, JsonNode value) {
        if (container instanceof ObjectNode o) {
            String name = fieldName(o, where);
            if (name != null) o.set(name, value);
        } else if (container instanceof ArrayNode a) {
            if (a.isEmpty()) a.add(value);
            else a.set(where % a.size(), value);
        }
    }

    private static void remove(JsonNode container, int where) {
        if (container instanceof ObjectNode o) {
            String name = fieldName(o, where);
            if (name != null) o.remove(name);
        } else if (container instanceof ArrayNode a && !a.isEmpty()) {
            a.remove(where % a.size());
        }
    }

    private static JsonNode nested(int depth) {
        JsonNode n = F.textNode("deep");
        for (int i = 0; i < depth; i++) n = i % 2 == 0 ? F.arrayNode().add(n) : F.objectNode().set("a", n);
        return n;
    }

    private static JsonNode swapped(JsonNode v) {
        if (v == null) return F.nullNode();
        if (v.isNumber()) return F.textNode(v.asText());
        if (v.isTextual()) return F.numberNode(v.asText().length());
        if (v.isBoolean()) return F.textNode(v.asText());
        return F.textNode(v.toString().length() > 50 ? "x" : v.toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        return concat(concat(Arrays.copyOf(b, at), what), Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] replace(byte[] b, int at, byte with) {
        byte[] out = b.clone();
        if (out.length > 0) out[at] = with;
        return out;
    }

    private static List<ObjectNode> seeds() {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> samples = Files.list(Path.of("samples", "inspections"))) {
            for (Path p : samples.sorted().toList()) out.add((ObjectNode) Json.MAPPER.readTree(p.toFile()));
            int n = 0;
            for (Path p : TestPacks.ledgerPack().testFiles()) {
                JsonNode test = Json.MAPPER.readTree(p.toFile());
                ObjectNode doc = F.objectNode();
                doc.put("submission", "T-" + n++);
                doc.put("inspector", "INS-07");
                doc.put("submittedAt", test.path("asOf").asText("2022-06-30") + "T10:00:00+08:00");
                doc.set("facts", test.get("facts"));
                if (doc.get("facts") instanceof ArrayNode a && !a.isEmpty()) out.add(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Pointers name a place in the document: "" or /-separated tokens; texts carry none of the parser's words. */
    static boolean plain(String text) {
        for (String internal : List.of("com.fasterxml", "jackson", "JsonToken", "START_", "(code ", "[Source", "`java.", "Exception")) {
            if (text.contains(internal)) return false;
        }
        return true;
    }
}
