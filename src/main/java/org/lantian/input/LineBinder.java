package org.lantian.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lantian.domain.Fact;
import org.lantian.domain.Percent;
import org.lantian.domain.Ratio;
import org.lantian.domain.Signed;
import org.lantian.pack.Period;

/**
 * Binds a bare fact of a JSON Lines night straight from the line's UTF-8 bytes with Jackson's streaming parser:
 * no tree, no second pass, each value checked as it is read and put into the record's canonical constructor.
 * It accepts only what {@link FactReader#readFact} accepts (and binds to an equal record): the common forms,
 * "type" first, every value of its field's exact JSON type and within the same bounds. Anything else (a
 * submission object, a problem of any kind, a form it does not know) is refused with null, never judged: the
 * tree then reads the line as before and alone writes the reasons of a reject.
 *
 * <p>Jackson's data binding is not used for this: it coerces what the reader refuses (1.5 into an int, "5"
 * into a number, 0 into an enum constant, [2022,6,30] into a date), and the bound record no longer tells.
 */
public final class LineBinder {
    /** A fact bound from a line, and the submission id the line gave it (or null). */
    public record Bound(Fact fact, String submission) {
    }

    /**
     * A plain parser: a key given twice is caught below (each field fills its slot once, and "type" and
     * "submission" are seen once), cheaper than the parser's set of names per object.
     */
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** The doubles nearest to the bounds of a number: a value that rounds onto one is judged on its exact decimal. */
    private static final double MAX = FactReader.MAX_NUMBER.doubleValue();
    private static final double MIN = FactReader.MIN_NUMBER.doubleValue();

    private enum Kind { TEXT, BOOLEAN, INT, LONG, DOUBLE, DATE, TIME, ENUM }

    /** A field as the binder reads it, its bounds worked out once. */
    private record Slot(int index, FactReader.Field field, Kind kind, boolean list, Class<? extends Enum<?>> enumType,
                        long min, long max, boolean measure, boolean ratio, boolean percent, boolean signed) {
    }

    /** A fact type's slots, by field name and in the record's order. */
    private record Plan(Class<?> type, FactReader.Shape shape, Slot[] slots, Map<String, Slot> byName) {
    }

    private final FactReader reader;
    private final Period dates;
    private final Map<String, Plan> plans = new HashMap<>();

    LineBinder(FactReader reader) {
        this.reader = reader;
        this.dates = reader.dates();
        for (String name : FactTypes.names()) {
            Plan plan = plan(FactTypes.byName(name).orElseThrow());
            if (plan != null) plans.put(name, plan);
        }
    }

    /** A plan for a type, or null when a field has a type the binder leaves to the tree. */
    @SuppressWarnings("unchecked")
    private Plan plan(Class<?> type) {
        FactReader.Shape shape = FactReader.SHAPES.get(type);
        if (shape.constructor() == null) return null;
        Slot[] slots = new Slot[shape.fields().length];
        Map<String, Slot> byName = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            FactReader.Field f = shape.fields()[i];
            if (f.name().equals("type") || f.name().equals("submission")) return null; // names the line's own fields
            boolean list = f.element() != null;
            if (list && !(f.type() instanceof ParameterizedType pt && pt.getRawType() == List.class)) return null;
            Type t = list ? f.element() : f.type();
            Kind kind = kind(t);
            if (kind == null) return null;
            var c = f.component();
            long[] limits = FactReader.countLimits(c, dates);
            slots[i] = new Slot(i, f, kind, list, kind == Kind.ENUM ? (Class<? extends Enum<?>>) t : null, limits[0], limits[1],
                    c.getName().equals("measure"), c.isAnnotationPresent(Ratio.class), c.isAnnotationPresent(Percent.class),
                    c.isAnnotationPresent(Signed.class));
            byName.put(f.name(), slots[i]);
        }
        return new Plan(type, shape, slots, byName);
    }

    private static Kind kind(Type t) {
        if (t == String.class) return Kind.TEXT;
        if (t == Boolean.class) return Kind.BOOLEAN;
        if (t == Integer.class) return Kind.INT;
        if (t == Long.class) return Kind.LONG;
        if (t == Double.class) return Kind.DOUBLE;
        if (t == LocalDate.class) return Kind.DATE;
        if (t == LocalTime.class) return Kind.TIME;
        if (t instanceof Class<?> cls && cls.isEnum()) return Kind.ENUM;
        return null;
    }

    /** The line's bare fact, or null when the tree must judge the line. The bytes must be valid UTF-8. */
    Bound bind(byte[] utf8) {
        try (JsonParser p = JSON.createParser(utf8)) {
            return bind(p);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, a limit of the parser, a constructor that refuses: the tree says which
        }
    }

    private Bound bind(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT || !"type".equals(p.nextFieldName())) return null;
        if (p.nextToken() != JsonToken.VALUE_STRING) return null;
        Plan plan = plans.get(p.getText());
        if (plan == null) return null;
        Slot[] slots = plan.slots();
        Object[] values = new Object[slots.length];
        boolean[] seen = new boolean[slots.length];
        String submission = null;
        boolean submissionSeen = false;
        int next = 0;
        for (String name; (name = p.nextFieldName()) != null; ) {
            // Fields mostly come in the record's order: try the next one before the map.
            Slot slot = next < slots.length && slots[next].field().name().equals(name) ? slots[next] : plan.byName().get(name);
            JsonToken t = p.nextToken();
            if (slot == null) {
                if (!name.equals("submission") || submissionSeen) return null;
                submissionSeen = true;
                if (t == JsonToken.VALUE_STRING) {
                    submission = p.getText();
                    if (submission.isBlank() || !plainText(submission)) return null;
                } else if (t != JsonToken.VALUE_NULL) {
                    return null;
                }
                continue;
            }
            next = slot.index() + 1;
            if (seen[slot.index()]) return null;
            seen[slot.index()] = true;
            if (t == JsonToken.VALUE_NULL) continue;
            Object value;
            if (slot.list()) {
                if (t != JsonToken.START_ARRAY) return null;
                List<Object> items = new ArrayList<>();
                for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    Object item = value(slot, e, p);
                    if (item == null || items.size() == FactReader.MAX_ITEMS) return null;
                    items.add(item);
                }
                value = items;
            } else {
                value = value(slot, t, p);
                if (value == null) return null;
            }
            values[slot.index()] = value;
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
        for (Slot s : slots) if (values[s.index()] == null && s.field().required()) return null;
        Object fact;
        try {
            fact = plan.shape().constructor().invokeExact(values);
        } catch (Throwable e) {
            return null;
        }
        return new Bound((Fact) fact, submission);
    }

    /** One value of a slot's type as the tree's check passes it and its binding makes it, or null. */
    private Object value(Slot s, JsonToken t, JsonParser p) throws IOException {
        switch (s.kind()) {
            case TEXT -> {
                if (t != JsonToken.VALUE_STRING) return null;
                String text = p.getText();
                if (text.isBlank() && s.field().required() || !plainText(text)) return null;
                return !s.field().town() || reader.townKnown(text) ? text : null;
            }
            case BOOLEAN -> {
                return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            }
            case INT, LONG -> {
                if (t != JsonToken.VALUE_NUMBER_INT) return null;
                JsonParser.NumberType n = p.getNumberType();
                if (n != JsonParser.NumberType.INT && (s.kind() == Kind.INT || n != JsonParser.NumberType.LONG)) return null;
                long x = p.getLongValue();
                if (x < s.min() || x > s.max()) return null;
                if (s.measure() && !reader.ledger().hasMeasure((int) x)) return null;
                return s.kind() == Kind.INT ? (Object) Integer.valueOf((int) x) : (Object) Long.valueOf(x);
            }
            case DOUBLE -> {
                return number(s, t, p);
            }
            case DATE -> {
                if (t != JsonToken.VALUE_STRING) return null;
                LocalDate day = day(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                return day != null && dates.contains(day) ? day : null;
            }
            case TIME -> {
                if (t != JsonToken.VALUE_STRING) return null;
                return IsoDays.time(p.getText());
            }
            case ENUM -> {
                if (t != JsonToken.VALUE_STRING) return null;
                String text = p.getText();
                List<String> names = s.list() ? s.field().elementEnumNames() : s.field().enumNames();
                return names.contains(text) ? enumOf(s, text) : null;
            }
        }
        return null;
    }

    /** {@link IsoDays#parse} of a text in the parser's buffer (no string made for it). */
    private static LocalDate day(char[] c, int at, int length) {
        if (length != 10 || c[at + 4] != '-' || c[at + 7] != '-') return null;
        int y = digits(c, at, 4);
        int m = digits(c, at + 5, 2);
        int d = digits(c, at + 8, 2);
        if (y < 0 || m < 0 || d < 0) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(char[] c, int at, int count) {
        int n = 0;
        for (int i = at; i < at + count; i++) {
            if (c[i] < '0' || c[i] > '9') return -1;
            n = n * 10 + (c[i] - '0');
        }
        return n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumOf(Slot s, String text) {
        return Enum.valueOf((Class) s.enumType(), text);
    }

    /**
     * A number as the tree's check passes it and its binding makes it: judged on its double where that tells
     * (rounding keeps order, so a double off every bound is on the same side of it as the decimal written), and
     * on the exact decimal where the double lands on a bound (0, 1e-6, 1, 100, 1e12).
     */
    private Object number(Slot s, JsonToken t, JsonParser p) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType n = p.getNumberType();
            if (n != JsonParser.NumberType.INT && n != JsonParser.NumberType.LONG) return null;
        } else if (t != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        double d = p.getDoubleValue();
        double a = Math.abs(d);
        if (d == 0 || a == MIN || a == MAX || d == 1 || d == 100) {
            BigDecimal x = p.getDecimalValue();
            if (FactReader.checkNumber(s.field().component(), x, "", s.field(), -1, UNNAMED) != null) return null;
            return x.doubleValue();
        }
        if (!(a <= MAX) || a < MIN) return null;
        if (s.ratio() && (d < 0 || d > 1)) return null;
        if (s.percent() && (d < 0 || d > 100)) return null;
        if (d < 0 && !s.signed()) return null;
        return d;
    }

    private static final FactReader.Record UNNAMED = new FactReader.Record("", "", null);

    /** At most MAX_TEXT characters, no control characters, no half of a surrogate pair. */
    private static boolean plainText(String text) {
        if (text.length() > FactReader.MAX_TEXT) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) return false;
            if (Character.isSurrogate(c)) return !StrictJson.hasLoneSurrogate(text) && noControl(text);
        }
        return true;
    }

    private static boolean noControl(String text) {
        for (int i = 0; i < text.length(); i++) if (Character.isISOControl(text.charAt(i))) return false;
        return true;
    }
}
