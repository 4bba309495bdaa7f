package org.lantian.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.lantian.domain.Percent;
import org.lantian.domain.Range;
import org.lantian.domain.Ratio;
import org.lantian.domain.Required;
import org.lantian.domain.Signed;
import org.lantian.domain.Submission;
import org.lantian.pack.Ledger;
import org.lantian.pack.Period;

/**
 * Validates submitted JSON against the fact types and binds it to records: the one validation step of
 * check, serve and batch. Every problem is collected (not just the first), each naming the record and
 * the field by JSON pointer. Beyond types, input is held to what the rules and the store can take: dates
 * within the pack's {@code dates}, numbers finite and of sane size, percentages and ratios within bounds,
 * texts no longer than the store holds and without control characters, towns the pack knows, no half
 * surrogate pairs. Whatever passes can be evaluated, stored and written back as it came.
 */
public final class FactReader {
    /** Longest id or text (submission, inspector, subject ids, names): what the store's columns hold. */
    public static final int MAX_TEXT = 200;
    /** The one limit of a submission or inspector id (the server has no other). */
    public static final int MAX_ID = MAX_TEXT;
    /** Most items in a list field (cleaning dates of a restaurant, …). */
    public static final int MAX_ITEMS = 1000;
    /** Largest count unless a field says otherwise ({@link Range}). */
    public static final long MAX_COUNT = 1_000_000_000L;
    /** Largest number in size (m², tonnes, mg/m³): 1e12, so that no product or quotient of two overflows. */
    public static final BigDecimal MAX_NUMBER = new BigDecimal("1e12");
    /** Smallest number in size other than 0: so that no quotient of two numbers overflows. */
    public static final BigDecimal MIN_NUMBER = new BigDecimal("1e-6");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Most facts in one submission: a post of a few thousand fits, the night's batch splits by submission. */
    public static final int MAX_FACTS = 10_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Set<String> SUBMISSION_FIELDS = Set.of("submission", "inspector", "submittedAt", "facts");
    /** Class.getRecordComponents() builds new reflection objects on every call: the costliest step of a read. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    /** What validating a field needs to know of its record component, worked out once per type (reflection is slow). */
    record Field(RecordComponent component, String name, Type type, Type element, boolean required,
                         boolean town, List<String> enumNames, List<String> elementEnumNames) {
        static Field of(RecordComponent c) {
            Type type = c.getGenericType();
            Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : null;
            return new Field(c, c.getName(), type, element, c.isAnnotationPresent(Required.class), c.getName().equals("town"),
                    enumNames(type), enumNames(element));
        }

        private static List<String> enumNames(Type type) {
            return type instanceof Class<?> cls && cls.isEnum()
                    ? Arrays.stream(cls.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList() : null;
        }
    }

    /** A fact type's fields to check, and every field name its object may have ("type", "submission", then its components). */
    record Shape(Field[] fields, Set<String> known, java.lang.invoke.MethodHandle constructor) {
    }

    static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = COMPONENTS.get(type);
            Set<String> known = new java.util.LinkedHashSet<>();
            known.add("type");
            known.add("submission");
            Field[] fields = new Field[components.length];
            for (int i = 0; i < components.length; i++) {
                fields[i] = Field.of(components[i]);
                known.add(components[i].getName());
            }
            return new Shape(fields, java.util.Collections.unmodifiableSet(known), constructor(type, components));
        }

        /** The record's canonical constructor taking its values as an array, or null when it cannot be had. */
        private static java.lang.invoke.MethodHandle constructor(Class<?> type, RecordComponent[] components) {
            try {
                Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                return java.lang.invoke.MethodHandles.publicLookup().unreflectConstructor(type.getConstructor(types))
                        .asSpreader(Object[].class, types.length)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    /** Binds a checked fact object to its record, passing over "type" and "submission" (no copy of the tree without them). */
    private static final ClassValue<com.fasterxml.jackson.databind.ObjectReader> BINDERS = new ClassValue<>() {
        @Override
        protected com.fasterxml.jackson.databind.ObjectReader computeValue(Class<?> type) {
            return Json.MAPPER.readerFor(type).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    };

    private final Period dates;
    private final List<String> towns;
    private final Ledger ledger;
    private final LineBinder lines;

    /** A reader for a pack: its {@code dates}, {@code towns} and measures bound what a submission may say. */
    public FactReader(Ledger ledger) {
        this.ledger = ledger;
        this.dates = ledger.dates();
        this.towns = ledger.towns() == null || ledger.towns().isEmpty() ? null : List.copyOf(ledger.towns());
        this.lines = new LineBinder(this);
    }

    /**
     * A bare fact of one line of JSON Lines bound straight from its UTF-8 bytes, when every check passes; null
     * when it cannot be accepted with certainty (a submission object, a problem, an uncommon form), and then
     * {@link #readFact} on the line's tree decides and says why. What it accepts, readFact accepts and binds
     * to an equal record.
     */
    public LineBinder.Bound readLine(byte[] utf8) {
        return lines.bind(utf8);
    }

    Period dates() {
        return dates;
    }

    Ledger ledger() {
        return ledger;
    }

    /** Whether a town field may hold this text: no towns given, one of them or another name of one. */
    boolean townKnown(String text) {
        if (towns == null || towns.contains(text)) return true;
        String unit = ledger.unit(text);
        return unit != null && towns.contains(unit);
    }

    /** Parses and reads a whole submission document (the bytes as posted or read from a file). */
    public Submission readSubmission(byte[] json) throws InvalidInputException {
        return readSubmission(StrictJson.parse(json));
    }

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
        StrictJson.loneSurrogates(root, "", problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        String id = text(root, "submission", "/submission", "submission", true, problems);
        String label = id == null ? "submission" : "submission " + id;
        String inspector = text(root, "inspector", "/inspector", label, true, problems);
        OffsetDateTime submittedAt = null;
        JsonNode at = root.get("submittedAt");
        if (at != null && !at.isNull()) {
            try {
                if (!at.isTextual()) throw new DateTimeParseException("not text", at.toString(), 0);
                submittedAt = OffsetDateTime.parse(at.asText());
                if (!dates.contains(submittedAt.toLocalDate())) {
                    problems.add(new Problem("/submittedAt", label, "a date-time " + within(), at.toString()));
                    submittedAt = null;
                }
            } catch (DateTimeParseException e) {
                problems.add(new Problem("/submittedAt", label,
                        "a date-time with offset such as 2022-06-30T10:15:00+08:00", kind(at)));
            }
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SUBMISSION_FIELDS.contains(name)) {
                problems.add(new Problem("/" + StrictJson.escape(name), label,
                        "no such field" + suggestion(name, SUBMISSION_FIELDS), quote(name)));
            }
        }
        List<Fact> facts = List.of();
        JsonNode array = root.get("facts");
        if (array == null || array.isNull()) {
            problems.add(new Problem("/facts", label, "a non-empty array of facts", "nothing"));
        } else if (!array.isArray() || array.isEmpty()) {
            problems.add(new Problem("/facts", label, "a non-empty array of facts", kind(array)));
        } else if (array.size() > MAX_FACTS) {
            problems.add(new Problem("/facts", label, "at most " + MAX_FACTS + " facts (split the submission)",
                    array.size() + " facts"));
        } else {
            facts = readFacts(array, "/facts", problems);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new Submission(id, inspector, submittedAt, facts);
    }

    /** Checks an as-of date against the pack's {@code dates}; {@code pointer} names where it came from. */
    public LocalDate asOf(LocalDate day, String pointer) throws InvalidInputException {
        if (day == null || !dates.contains(day)) {
            throw new InvalidInputException(List.of(new Problem(pointer, null, "a date " + within(), String.valueOf(day))));
        }
        return day;
    }

    /** Parses and checks an as-of date given as text (--as-of, ?asOf=). */
    public LocalDate asOf(String text, String pointer) throws InvalidInputException {
        try {
            return asOf(LocalDate.from(DATE.parse(text)), pointer);
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException(List.of(new Problem(pointer, null, "a date YYYY-MM-DD " + within(),
                    quote(text))));
        }
    }

    /** Checks a submission id given outside an envelope (the {@code submission} of a bare fact in the batch). */
    public Problem checkId(JsonNode id, String pointer, String record) {
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return new Problem(pointer, record, "a non-empty string (the submission id)", kind(id));
        }
        return textProblem(id.asText(), pointer, record);
    }

    private String within() {
        return "from " + dates.from() + " to " + dates.to();
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
        int surrogates = problems.size();
        StrictJson.loneSurrogates(node, pointer, problems);
        if (problems.size() > surrogates) return null;
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
        Shape shape = SHAPES.get(type.get());
        Record record = new Record(label, typeName, node.get(shape.fields[0].name));
        int before = problems.size();
        for (Field f : shape.fields) checkField(f, node.get(f.name), pointer, record, problems);
        Set<String> known = shape.known;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(pointer + "/" + StrictJson.escape(name), record.text(),
                        "a field of " + typeName + suggestion(name, known), "unknown field " + quote(name)));
            }
        }
        if (problems.size() > before) return null;
        Fact bound = bind(shape, node);
        if (bound != null) return bound;
        try {
            // Every field was checked above: "type" and "submission" are the only ones the record does not have.
            return BINDERS.get(type.get()).readValue(node);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // Every field was checked above; a value that still does not bind is named without the binder's words.
            String at = e instanceof JsonProcessingException j && j instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !m.getPath().isEmpty() && m.getPath().get(0).getFieldName() != null
                    ? "/" + StrictJson.escape(m.getPath().get(0).getFieldName()) : "";
            problems.add(new Problem(pointer + at, record.text(), "a valid " + typeName, "a value that does not fit"));
            return null;
        }
    }

    /**
     * How a fact is named in its problems: "line 7 (RoadCleaning R-001)". Worked out only for a fact that has a
     * problem: most have none.
     */
    static final class Record {
        private final String label;
        private final String typeName;
        private final JsonNode subject;
        private String text;

        Record(String label, String typeName, JsonNode subject) {
            this.label = label;
            this.typeName = typeName;
            this.subject = subject;
        }

        String text() {
            if (text == null) {
                text = label + " (" + typeName + (subject != null && subject.isValueNode() ? " " + subject.asText() : "") + ")";
            }
            return text;
        }
    }

    /** A value {@link #bind} leaves to Jackson's binding. */
    private static final Object UNBOUND = new Object();

    /**
     * The checked fact object as its record, its values taken straight from the tree in the common forms (text,
     * boolean, int, long, number, a date YYYY-MM-DD, a time HH:MM, an enum's name, a list of these): the
     * values Jackson's binding gives them, without a second walk through a parser. Null for anything else (an
     * uncommon form, a constructor that refuses the values), which Jackson's binding then does as before.
     */
    private static Fact bind(Shape shape, JsonNode node) {
        if (shape.constructor == null) return null;
        Field[] fields = shape.fields;
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            JsonNode v = node.get(fields[i].name);
            if (v == null || v.isNull()) continue;
            Object value;
            if (fields[i].element != null) {
                if (!v.isArray()) return null;
                List<Object> list = new ArrayList<>(v.size());
                for (JsonNode e : v) {
                    Object item = value(fields[i].element, e);
                    if (item == UNBOUND || item == null) return null;
                    list.add(item);
                }
                value = list;
            } else {
                value = value(fields[i].type, v);
            }
            if (value == UNBOUND) return null;
            values[i] = value;
        }
        try {
            Object fact = shape.constructor.invokeExact(values);
            return (Fact) fact;
        } catch (Throwable e) {
            return null;
        }
    }

    /** {@link #bind} of a checked object of a type, or null where it leaves the object to Jackson (for tests). */
    static Fact bindDirectly(Class<?> type, JsonNode node) {
        return bind(SHAPES.get(type), node);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Type type, JsonNode v) {
        if (v.isNull()) return UNBOUND;
        if (type == String.class) return v.isTextual() ? v.textValue() : UNBOUND;
        if (type == Boolean.class) return v.isBoolean() ? Boolean.valueOf(v.booleanValue()) : UNBOUND;
        if (type == Integer.class) return v.isInt() ? Integer.valueOf(v.intValue()) : UNBOUND;
        if (type == Long.class) return v.isInt() || v.isLong() ? Long.valueOf(v.longValue()) : UNBOUND;
        if (type == Double.class) return v.isNumber() ? Double.valueOf(v.doubleValue()) : UNBOUND;
        if (type == LocalDate.class) {
            LocalDate day = v.isTextual() ? IsoDays.parse(v.textValue()) : null;
            return day != null ? day : UNBOUND;
        }
        if (type == LocalTime.class) {
            LocalTime time = v.isTextual() ? IsoDays.time(v.textValue()) : null;
            return time != null ? time : UNBOUND;
        }
        if (type instanceof Class<?> cls && cls.isEnum() && v.isTextual()) {
            try {
                return Enum.valueOf((Class) cls, v.textValue());
            } catch (IllegalArgumentException e) {
                return UNBOUND;
            }
        }
        return UNBOUND;
    }

    private void checkField(Field f, JsonNode value, String pointer, Record record, List<Problem> problems) {
        if (value == null || value.isNull()) {
            if (f.required) {
                problems.add(new Problem(pointer + "/" + f.name, record.text(), "required field \"" + f.name + "\"", "nothing"));
            }
            return;
        }
        Problem p = checkValue(f, f.type, f.enumNames, value, pointer, -1, record);
        if (p != null) problems.add(p);
        if (p == null && value.isArray() && value.size() > MAX_ITEMS) {
            problems.add(new Problem(pointer + "/" + f.name, record.text(), "at most " + MAX_ITEMS + " items", value.size() + " items"));
        } else if (p == null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Problem e = checkValue(f, f.element, f.elementEnumNames, value.get(i), pointer, i, record);
                if (e != null) problems.add(e);
            }
        }
    }

    /**
     * Checks one value against a Java type; returns the problem or null. Arrays are checked for shape only. The
     * value is at {@code pointer}/the field's name, and /{@code item} within it when that is not negative (the
     * pointer is put together only for a problem).
     */
    private Problem checkValue(Field f, Type type, List<String> enumNames, JsonNode v, String pointer, int item, Record r) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            return v.isArray() ? null : new Problem(at(pointer, f, item), r.text(), "an array", kind(v));
        }
        RecordComponent c = f.component;
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            if (!v.isTextual()) return new Problem(at(pointer, f, item), r.text(), "a string", kind(v));
            String text = v.asText();
            if (text.isBlank() && f.required) {
                return new Problem(at(pointer, f, item), r.text(), "a non-empty string", "\"\"");
            }
            if (!f.town || towns == null) return textProblem(text, pointer, f, item, r);
            Problem problem = textProblem(text, pointer, f, item, r);
            if (problem != null || towns.contains(text)) return problem;
            String unit = ledger.unit(text); // a town by another of its names (an alias), null when none
            if (unit != null && towns.contains(unit)) return null;
            return new Problem(at(pointer, f, item), r.text(), "one of the towns " + towns + suggestion(text, towns), kind(v));
        }
        if (cls == Boolean.class) {
            return v.isBoolean() ? null : new Problem(at(pointer, f, item), r.text(), "true or false (a JSON boolean)", kind(v));
        }
        if (cls == Integer.class || cls == Long.class) {
            if (!v.isIntegralNumber()) return new Problem(at(pointer, f, item), r.text(), "a whole number", kind(v));
            return checkCount(c, v.bigIntegerValue(), at(pointer, f, item), r);
        }
        if (cls == Double.class) {
            if (!v.isNumber()) return new Problem(at(pointer, f, item), r.text(), "a number", kind(v));
            if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.asDouble())) {
                return new Problem(at(pointer, f, item), r.text(), "a finite number", kind(v));
            }
            return checkNumber(c, v.decimalValue(), pointer, f, item, r);
        }
        if (cls == LocalDate.class) {
            LocalDate day = date(v);
            if (day == null) return new Problem(at(pointer, f, item), r.text(), "a date YYYY-MM-DD", kind(v));
            return dates.contains(day) ? null : new Problem(at(pointer, f, item), r.text(), "a date " + within(), kind(v));
        }
        if (cls == LocalTime.class) {
            return parse(v, TIME, LocalTime::from) != null ? null : new Problem(at(pointer, f, item), r.text(), "a time HH:MM", kind(v));
        }
        if (cls.isEnum()) {
            return v.isTextual() && enumNames.contains(v.asText()) ? null
                    : new Problem(at(pointer, f, item), r.text(), "one of " + enumNames
                    + (v.isTextual() ? suggestion(v.asText(), enumNames) : ""), kind(v));
        }
        throw new IllegalStateException("fact field type not supported: " + type + " in " + c);
    }

    private static String at(String pointer, Field f, int item) {
        return item < 0 ? pointer + "/" + f.name : pointer + "/" + f.name + "/" + item;
    }

    /**
     * A date as {@code uuuu-MM-dd} (strict) reads it, or null. The common case, four digits, a dash, two, a dash,
     * two, is read directly: the formatter gives the same day for it, and is slow.
     */
    static LocalDate date(JsonNode v) {
        if (!v.isTextual()) return null;
        LocalDate day = IsoDays.parse(v.textValue());
        return day != null ? day : parse(v, DATE, LocalDate::from);
    }

    private static Problem textProblem(String text, String pointer, Field f, int item, Record r) {
        if (text.length() > MAX_TEXT) return textProblem(text, at(pointer, f, item), r.text());
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) return textProblem(text, at(pointer, f, item), r.text());
        }
        return null;
    }

    /** A text the store can hold and a table can show: at most MAX_TEXT characters, no control characters. */
    private static Problem textProblem(String text, String pointer, String record) {
        if (text.length() > MAX_TEXT) {
            return new Problem(pointer, record, "a text of at most " + MAX_TEXT + " characters", text.length() + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return new Problem(pointer, record, "a text without control characters",
                        "U+" + String.format("%04X", (int) text.charAt(i)) + " at character " + (i + 1));
            }
        }
        return null;
    }

    /**
     * The smallest and largest whole number a count field takes: its {@link Range}; a {@code year} within the pack's
     * dates; any other count from 0 (or -MAX_COUNT if {@link Signed}) to MAX_COUNT. The tree's check and the
     * binder's ({@link LineBinder}) both read it here.
     */
    static long[] countLimits(RecordComponent c, Period dates) {
        Range range = c.getAnnotation(Range.class);
        if (range != null) return new long[] {range.min(), range.max()};
        if (c.getName().equals("year")) return new long[] {dates.from().getYear(), dates.to().getYear()};
        return new long[] {c.isAnnotationPresent(Signed.class) ? -MAX_COUNT : 0, MAX_COUNT};
    }

    /**
     * A whole number within its field's {@link Range}; a {@code year} within the pack's dates; a
     * {@code measure} one of the ledger's; any other count from 0 (or -MAX_COUNT if {@link Signed}) to MAX_COUNT.
     */
    private Problem checkCount(RecordComponent c, BigInteger x, String pointer, Record r) {
        long[] limits = countLimits(c, dates);
        long min = limits[0];
        long max = limits[1];
        if (x.compareTo(BigInteger.valueOf(min)) < 0 || x.compareTo(BigInteger.valueOf(max)) > 0) {
            return new Problem(pointer, r.text(), min == 0 && c.getAnnotation(Range.class) == null ? "a non-negative whole number of at most " + max
                    : "a whole number from " + min + " to " + max, shorten(x.toString()));
        }
        if (c.getName().equals("measure") && !ledger.hasMeasure(x.intValue())) {
            return new Problem(pointer, r.text(), "the number of a measure of the ledger", x.toString());
        }
        return null;
    }

    /** 0 or a number from MIN_NUMBER to MAX_NUMBER in size, within 0..1 (ratio) or 0..100 (percent). */
    static Problem checkNumber(RecordComponent c, BigDecimal x, String pointer, Field f, int item, Record r) {
        if (x.abs().compareTo(MAX_NUMBER) > 0 || x.signum() != 0 && x.abs().compareTo(MIN_NUMBER) < 0) {
            return new Problem(at(pointer, f, item), r.text(), "0 or a number from 0.000001 to 1e12 in size", shorten(x.toString()));
        }
        if (c.isAnnotationPresent(Ratio.class) && (x.signum() < 0 || x.compareTo(BigDecimal.ONE) > 0)) {
            return new Problem(at(pointer, f, item), r.text(), "a ratio between 0 and 1 (0.95, not 95)", shorten(x.toString()));
        }
        if (c.isAnnotationPresent(Percent.class) && (x.signum() < 0 || x.compareTo(HUNDRED) > 0)) {
            return new Problem(at(pointer, f, item), r.text(), "a percentage between 0 and 100", shorten(x.toString()));
        }
        if (x.signum() < 0 && !c.isAnnotationPresent(Signed.class)) {
            return new Problem(at(pointer, f, item), r.text(), "a non-negative number", shorten(x.toString()));
        }
        return null;
    }

    private static <T> T parse(JsonNode v, DateTimeFormatter f, java.util.function.Function<java.time.temporal.TemporalAccessor, T> to) {
        if (!v.isTextual()) return null;
        try {
            return to.apply(f.parse(v.asText()));
        } catch (java.time.DateTimeException e) {
            return null;
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
        Problem p = textProblem(v.asText(), pointer, record);
        if (p != null) {
            problems.add(p);
            return null;
        }
        return v.asText();
    }

    /** How a value looks, for "found …": the value itself when short, else its JSON kind. */
    static String kind(JsonNode v) {
        if (v == null) return "nothing";
        if (v.isContainerNode()) return v.isArray() ? "an array" : "an object";
        String text = v.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static String quote(String name) {
        return kind(com.fasterxml.jackson.databind.node.TextNode.valueOf(name));
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
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
