package org.lantian.engine;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lantian.domain.Evidence;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * A finding's evidence: the facts of the rule's match as the engine hands them over
 * ({@code kcontext.getMatch().getObjects()}), with the facts inside an accumulated or collected list, each
 * with the fields the rule reads of its type ({@link PackIndex}). How to read a type's fields for a rule is
 * worked out once and kept. Thread-safe.
 */
final class EvidenceReader {
    private final PackIndex index;
    private final Map<String, Map<Class<?>, Shape>> shapes = new ConcurrentHashMap<>();

    EvidenceReader(PackIndex index) {
        this.index = index;
    }

    /** The evidence of one finding; a fact's submission is left out where it is the finding's own. */
    List<Evidence> of(String rule, List<?> matched, Function<Fact, String> origin, String submission) {
        Map<Object, Boolean> seen = matched.size() == 1 && !(matched.get(0) instanceof Collection) ? null : new IdentityHashMap<>();
        List<Evidence> out = new ArrayList<>(matched.size());
        for (Object o : matched) {
            if (o instanceof Fact f) {
                add(rule, f, origin, submission, seen, out);
            } else if (o instanceof Collection<?> c) {
                for (Object e : c) if (e instanceof Fact f) add(rule, f, origin, submission, seen, out);
            }
        }
        return out;
    }

    private void add(String rule, Fact fact, Function<Fact, String> origin, String submission, Map<Object, Boolean> seen,
                     List<Evidence> out) {
        if (seen != null && seen.put(fact, Boolean.TRUE) != null) return;
        Shape shape = shapes.computeIfAbsent(rule, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(fact.getClass(), type -> shape(rule, type));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < shape.names.length; i++) fields.put(shape.names[i], read(shape.accessors[i], fact));
        String from = origin.apply(fact);
        out.add(new Evidence(shape.type, fact.subject(), from == null || from.equals(submission) ? null : from,
                shape.day == null ? null : (LocalDate) read(shape.day, fact), fields));
    }

    private static Object read(Method accessor, Fact fact) {
        try {
            return accessor.invoke(fact);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private record Shape(String type, String[] names, Method[] accessors, Method day) {
    }

    private Shape shape(String rule, Class<?> type) {
        List<String> names = new ArrayList<>();
        List<Method> accessors = new ArrayList<>();
        for (String field : index.reads(rule, type.getSimpleName())) {
            try {
                accessors.add(type.getMethod(field));
                names.add(field);
            } catch (NoSuchMethodException e) {
                // the index was made from this pack's DRL against these classes; a name it lacks is skipped
            }
        }
        return new Shape(type.getSimpleName(), names.toArray(String[]::new), accessors.toArray(Method[]::new), day(type));
    }

    /** The day a fact reports: its first required date, else a date named {@code date}. */
    static Method day(Class<?> type) {
        if (!type.isRecord()) return null;
        RecordComponent named = null;
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() != LocalDate.class) continue;
            if (c.isAnnotationPresent(Required.class)) return c.getAccessor();
            if (named == null && (c.getName().equals("date") || c.getName().equals("day"))) named = c;
        }
        return named == null ? null : named.getAccessor();
    }
}
