package org.lantian.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lantian.Json;
import org.lantian.domain.Fact;
import org.lantian.domain.Range;
import org.lantian.domain.Ratio;
import org.lantian.domain.Required;
import org.lantian.domain.Signed;
import org.lantian.domain.Submission;

/**
 * Validates submitted JSON against the fact types and binds it to records. Every problem is
 * collected (not just the first), each naming the record and the field by JSON pointer.
 */
public final class FactReader {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> SUBMISSION_FIELDS = Set.of("submission", "inspector", "submittedAt", "facts");
    /** Class.getRecordComponents() builds new reflection objects on every call: the costliest step of a read. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** The longest submission or inspector id accepted (the store's id columns hold it). */
    public static final int MAX_ID = 200;

    /** Adds a problem when an id is longer than {@link #MAX_ID}. */
    public static void tooLong(String id, String pointer, String record, String what, List<Problem> problems) {
        if (id != null && id.length() > MAX_ID) {
            problems.add(new Problem(pointer, record, what + " of at most " + MAX_ID + " characters", id.length() + " characters"));
        }
    }

    /** Reads a whole submission; throws with every problem when any is found. */
    public Submission readSubmission(JsonNode root) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(List.of(new Problem("", "submission", "a JSON object", kind(root))));
        }
        String id = text(root, "submission", "/submission", "submission", true, problems);
        String label = id == null ? "submission" : "submission " + id;
        String inspector = text(root, "inspector", "/inspector", label, true, problems);
        tooLong(id, "/submission", "submission", "an id", problems);
        tooLong(inspector, "/inspector", label, "an inspector id", problems);
        OffsetDateTime submittedAt = null;
        JsonNode at = root.get("submittedAt");
        if (at != null && !at.isNull()) {
            try {
                submittedAt = OffsetDateTime.parse(at.asText());
                if (!at.isTextual()) throw new DateTimeParseException("not text", at.toString(), 0);
            } catch (DateTimeParseException e) {
                problems.add(new Problem("/submittedAt", label,
                        "a date-time with offset such as 2022-06-30T10:15:00+08:00", at.toString()));
            }
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SUBMISSION_FIELDS.contains(name)) {
                problems.add(new Problem("/" + name, label, "no such field" + suggestion(name, SUBMISSION_FIELDS), name));
            }
        }
        List<Fact> facts = List.of();
        JsonNode array = root.get("facts");
        if (array == null || array.isNull()) {
            problems.add(new Problem("/facts", label, "a non-empty array of facts", "nothing"));
        } else if (!array.isArray() || array.isEmpty()) {
            problems.add(new Problem("/facts", label, "a non-empty array of facts", kind(array)));
        } else {
            facts = readFacts(array, "/facts", problems);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new Submission(id, inspector, submittedAt, facts);
    }

    /** Reads an array of facts; problems are added to the list and bad facts left out. */
    public List<Fact> readFacts(JsonNode array, String pointer, List<Problem> problems) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Fact fact = readFact(array.get(i), pointer + "/" + i, "fact " + i, problems);
            if (fact != null) facts.add(fact);
        }
        return facts;
    }

    /** Reads one fact object, or returns null after adding its problems. */
    public Fact readFact(JsonNode node, String pointer, String label, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(pointer, label, "a fact object with a \"type\"", kind(node)));
            return null;
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            problems.add(new Problem(pointer + "/type", label, "one of the fact types " + FactTypes.names(),
                    typeNode == null ? "nothing" : typeNode.toString()));
            return null;
        }
        String typeName = typeNode.asText();
        var type = FactTypes.byName(typeName);
        if (type.isEmpty()) {
            problems.add(new Problem(pointer + "/type", label, "one of the fact types " + FactTypes.names()
                    + suggestion(typeName, FactTypes.names()), '"' + typeName + '"'));
            return null;
        }
        RecordComponent[] components = COMPONENTS.get(type.get());
        String subjectField = components[0].getName();
        JsonNode subjectNode = node.get(subjectField);
        String record = label + " (" + typeName + (subjectNode != null && subjectNode.isValueNode()
                ? " " + subjectNode.asText() : "") + ")";
        int before = problems.size();
        Set<String> known = new java.util.LinkedHashSet<>();
        known.add("type");
        known.add("submission");
        for (RecordComponent c : components) {
            known.add(c.getName());
            checkField(c, node.get(c.getName()), pointer + "/" + c.getName(), record, problems);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                problems.add(new Problem(pointer + "/" + name, record,
                        "a field of " + typeName + suggestion(name, known), "unknown field \"" + name + "\""));
            }
        }
        if (problems.size() > before) return null;
        try {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.remove("type");
            copy.remove("submission");
            return Json.MAPPER.treeToValue(copy, type.get());
        } catch (JsonProcessingException e) {
            problems.add(new Problem(pointer, record, "a valid " + typeName, e.getOriginalMessage()));
            return null;
        }
    }

    private static void checkField(RecordComponent c, JsonNode value, String pointer, String record, List<Problem> problems) {
        if (value == null || value.isNull()) {
            if (c.isAnnotationPresent(Required.class)) {
                problems.add(new Problem(pointer, record, "required field \"" + c.getName() + "\"", "nothing"));
            }
            return;
        }
        Problem p = checkValue(c, c.getGenericType(), value, pointer, record);
        if (p != null) problems.add(p);
        if (p == null && value.isArray()) {
            Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                Problem e = checkValue(c, element, value.get(i), pointer + "/" + i, record);
                if (e != null) problems.add(e);
            }
        }
    }

    /** Checks one value against a Java type; returns the problem or null. Arrays are checked for shape only. */
    private static Problem checkValue(RecordComponent c, Type type, JsonNode v, String pointer, String record) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            return v.isArray() ? null : new Problem(pointer, record, "an array", kind(v));
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            if (!v.isTextual()) return new Problem(pointer, record, "a string", kind(v));
            if (v.asText().isBlank() && c.isAnnotationPresent(Required.class)) {
                return new Problem(pointer, record, "a non-empty string", "\"\"");
            }
            return null;
        }
        if (cls == Boolean.class) {
            return v.isBoolean() ? null : new Problem(pointer, record, "true or false (a JSON boolean)", kind(v));
        }
        if (cls == Integer.class || cls == Long.class) {
            if (!v.isIntegralNumber()) return new Problem(pointer, record, "a whole number", kind(v));
            return checkNumber(c, v.asDouble(), pointer, record, "a count");
        }
        if (cls == Double.class) {
            if (!v.isNumber()) return new Problem(pointer, record, "a number", kind(v));
            if (c.isAnnotationPresent(Ratio.class) && (v.asDouble() < 0 || v.asDouble() > 1)) {
                return new Problem(pointer, record, "a ratio between 0 and 1 (0.95, not 95)", v.toString());
            }
            return checkNumber(c, v.asDouble(), pointer, record, "a number");
        }
        if (cls == LocalDate.class) {
            return parses(v, DATE) ? null : new Problem(pointer, record, "a date YYYY-MM-DD", kind(v));
        }
        if (cls == LocalTime.class) {
            return parses(v, TIME) ? null : new Problem(pointer, record, "a time HH:MM", kind(v));
        }
        if (cls.isEnum()) {
            List<String> names = Arrays.stream(cls.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            return v.isTextual() && names.contains(v.asText()) ? null
                    : new Problem(pointer, record, "one of " + names, kind(v));
        }
        throw new IllegalStateException("fact field type not supported: " + type + " in " + c);
    }

    private static Problem checkNumber(RecordComponent c, double x, String pointer, String record, String what) {
        Range range = c.getAnnotation(Range.class);
        if (range != null && (x < range.min() || x > range.max())) {
            return new Problem(pointer, record, "a whole number from " + range.min() + " to " + range.max(), fmt(x));
        }
        if (x < 0 && !c.isAnnotationPresent(Signed.class)) {
            return new Problem(pointer, record, "a non-negative " + what.replaceFirst("^an? ", ""), fmt(x));
        }
        return null;
    }

    private static boolean parses(JsonNode v, DateTimeFormatter f) {
        if (!v.isTextual()) return false;
        try {
            f.parse(v.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String text(JsonNode root, String field, String pointer, String record, boolean required, List<Problem> problems) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(new Problem(pointer, record, "required field \"" + field + "\"", "nothing"));
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new Problem(pointer, record, "a non-empty string", kind(v)));
            return null;
        }
        return v.asText();
    }

    /** How a value looks, for "found …": the value itself when short, else its JSON kind. */
    static String kind(JsonNode v) {
        if (v == null) return "nothing";
        String text = v.toString();
        if (v.isContainerNode()) return v.isArray() ? "an array" : "an object";
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    /** " (did you mean \"x\"?)" for the closest known name within a small edit distance. */
    static String suggestion(String name, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? " (did you mean \"" + best + "\"?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
