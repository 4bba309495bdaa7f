package org.lantian.engine;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lantian.domain.Evidence;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * A finding's evidence: the facts of the rule's match as the engine hands them over
 * ({@code kcontext.getMatch().getObjects()}), with the facts inside an accumulated or collected list, each
 * with the fields the rule reads of its type ({@link PackIndex}). How to read a type's fields for a rule is
 * worked out once and kept (an accessor per field, called directly, not reflectively). The facts are taken
 * when the rule fires; their fields are read when the evidence is first looked at: findings.jsonl does not
 * write a PASS's evidence. Thread-safe.
 */
final class EvidenceReader {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private final PackIndex index;
    private final Map<String, Map<Class<?>, Shape>> shapes = new ConcurrentHashMap<>();

    EvidenceReader(PackIndex index) {
        this.index = index;
    }

    /**
     * The evidence of one finding about {@code about} (null: about no one fact), whose submission is
     * {@code submission}; a fact's submission is left out where it is the finding's own.
     */
    List<Evidence> of(String rule, Object[] matched, int size, Function<Fact, String> origin, Fact about, String submission) {
        if (size == 1 && matched[0] instanceof Fact f) { // the most common match: one fact
            return new One(this, rule, f, from(f, origin, about, submission));
        }
        return ofMany(rule, matched, size, origin, about, submission);
    }

    /** The evidence of a match of several facts or of collections (apart: the common case compiles small). */
    private List<Evidence> ofMany(String rule, Object[] matched, int size, Function<Fact, String> origin, Fact about,
                                  String submission) {
        List<Fact> facts = new ArrayList<>(size);
        boolean collected = false;
        for (int i = 0; i < size; i++) {
            Object o = matched[i];
            if (o instanceof Fact f) {
                facts.add(f);
            } else if (o instanceof Collection<?> c && holdsFacts(c)) {
                collected = true;
                for (Object e : c) if (e instanceof Fact f) facts.add(f);
            }
        }
        if (collected || facts.size() > 1) facts = distinct(facts);
        if (facts.isEmpty()) return List.of();
        String[] from = null; // mostly: every fact from the finding's submission
        for (int i = 0; i < facts.size(); i++) {
            String o = from(facts.get(i), origin, about, submission);
            if (o == null) continue;
            if (from == null) from = new String[facts.size()];
            from[i] = o;
        }
        return new Matched(this, rule, facts.toArray(Fact[]::new), from);
    }

    /** A fact's submission where it is not the finding's; the finding's own fact is not looked up again. */
    private static String from(Fact f, Function<Fact, String> origin, Fact about, String submission) {
        if (f == about) return null;
        String o = origin.apply(f);
        return o == null || o.equals(submission) ? null : o;
    }

    /** How to read a fact for a rule, worked out once; a hit reads without locking (computeIfAbsent locks a busy bin). */
    private Shape shape(String rule, Fact f) {
        Map<Class<?>, Shape> ofRule = shapes.get(rule);
        if (ofRule == null) ofRule = shapes.computeIfAbsent(rule, r -> new ConcurrentHashMap<>());
        Shape s = ofRule.get(f.getClass());
        return s != null ? s : ofRule.computeIfAbsent(f.getClass(), type -> shape(rule, type));
    }

    /**
     * Whether a collection of a match holds facts: an accumulated or collected result is of one kind, the facts
     * collected or values read from them (the ids of every restaurant of the session, say), so its first element
     * tells. A collection of values is not walked for each finding made on it.
     */
    private static boolean holdsFacts(Collection<?> c) {
        if (c.isEmpty()) return false;
        return (c instanceof List<?> l ? l.get(0) : c.iterator().next()) instanceof Fact;
    }

    /** The facts in their first order, each once (by identity): a short list by comparing, a long one through a map. */
    private static List<Fact> distinct(List<Fact> facts) {
        List<Fact> out = new ArrayList<>(facts.size());
        if (facts.size() <= 16) {
            next:
            for (Fact f : facts) {
                for (Fact o : out) if (o == f) continue next;
                out.add(f);
            }
        } else {
            Map<Object, Boolean> seen = new IdentityHashMap<>(facts.size());
            for (Fact f : facts) if (seen.put(f, Boolean.TRUE) == null) out.add(f);
        }
        return out;
    }

    /**
     * The evidence of a match, read from its facts when first asked for (how to read them, too: most findings' evidence
     * is never read); the facts are let go of after.
     */
    private static final class Matched extends AbstractList<Evidence> implements RandomAccess, Evidence.References {
        private final int size;
        private EvidenceReader reader;
        private String rule;
        private Fact[] facts;
        /** Null: every fact is from the finding's submission. */
        private String[] from;
        private volatile Evidence[] read;

        Matched(EvidenceReader reader, String rule, Fact[] facts, String[] from) {
            this.size = facts.length;
            this.reader = reader;
            this.rule = rule;
            this.facts = facts;
            this.from = from;
        }

        private String from(int i) {
            return from == null ? null : from[i];
        }

        private Evidence[] read() {
            Evidence[] r = read;
            if (r == null) {
                synchronized (this) {
                    r = read;
                    if (r == null) {
                        r = new Evidence[size];
                        for (int i = 0; i < size; i++) r[i] = reader.shape(rule, facts[i]).evidence(facts[i], from(i));
                        read = r;
                        reader = null;
                        rule = null;
                        facts = null;
                        from = null;
                    }
                }
            }
            return r;
        }

        @Override
        public Evidence get(int i) {
            return read()[i];
        }

        @Override
        public Evidence reference(int i) {
            Evidence[] r = read;
            if (r == null) {
                synchronized (this) {
                    r = read;
                    if (r == null) return REFERENCE.get(facts[i].getClass()).reference(facts[i], from(i));
                }
            }
            return r[i];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The evidence of a match of one fact (most findings): one object until read, no arrays. */
    private static final class One extends AbstractList<Evidence> implements RandomAccess, Evidence.References {
        private EvidenceReader reader;
        private String rule;
        private Fact fact;
        private String from;
        private volatile Evidence read;

        One(EvidenceReader reader, String rule, Fact fact, String from) {
            this.reader = reader;
            this.rule = rule;
            this.fact = fact;
            this.from = from;
        }

        @Override
        public Evidence get(int i) {
            if (i != 0) throw new IndexOutOfBoundsException("index " + i + " of 1");
            Evidence r = read;
            if (r == null) {
                synchronized (this) {
                    r = read;
                    if (r == null) {
                        read = r = reader.shape(rule, fact).evidence(fact, from);
                        reader = null;
                        rule = null;
                        fact = null;
                        from = null;
                    }
                }
            }
            return r;
        }

        @Override
        public Evidence reference(int i) {
            if (i != 0) throw new IndexOutOfBoundsException("index " + i + " of 1");
            Evidence r = read;
            if (r == null) {
                synchronized (this) {
                    r = read;
                    if (r == null) return REFERENCE.get(fact.getClass()).reference(fact, from);
                }
            }
            return r;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    private record Shape(String type, String[] names, Function<Object, Object>[] accessors, Function<Object, Object> day) {
        Evidence evidence(Fact fact, String from) {
            Object[] values = new Object[names.length];
            for (int i = 0; i < values.length; i++) values[i] = read(accessors[i], fact);
            return new Evidence(type, fact.subject(), from, day == null ? null : (LocalDate) read(day, fact), new Fields(names, values));
        }
    }

    /** How to read a fact's reference (its type, subject and day, without its fields): the same for every rule. */
    private record Reference(String type, Function<Object, Object> day) {
        Evidence reference(Fact fact, String from) {
            return new Evidence(type, fact.subject(), from, day == null ? null : (LocalDate) read(day, fact), null);
        }
    }

    /** A fact type's reference, worked out once per type and JVM (its day's accessor is a class made for it). */
    private static final ClassValue<Reference> REFERENCE = new ClassValue<>() {
        @Override
        protected Reference computeValue(Class<?> type) {
            Method day = day(type);
            return new Reference(type.getSimpleName(), day == null ? null : accessor(day));
        }
    };

    private static Object read(Function<Object, Object> accessor, Fact fact) {
        try {
            return accessor.apply(fact);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private Shape shape(String rule, Class<?> type) {
        List<String> names = new ArrayList<>();
        List<Function<Object, Object>> accessors = new ArrayList<>();
        for (String field : index.reads(rule, type.getSimpleName())) {
            try {
                accessors.add(accessor(type.getMethod(field)));
                names.add(field);
            } catch (NoSuchMethodException e) {
                // the index was made from this pack's DRL against these classes; a name it lacks is skipped
            }
        }
        Method day = day(type);
        return new Shape(type.getSimpleName(), names.toArray(String[]::new), accessors.toArray(Function[]::new),
                day == null ? null : accessor(day));
    }

    /** A getter as a function: a lambda made for it where the lookup may, else its method handle. */
    @SuppressWarnings("unchecked")
    static Function<Object, Object> accessor(Method method) {
        try {
            MethodHandle handle = LOOKUP.unreflect(method);
            try {
                return (Function<Object, Object>) LambdaMetafactory.metafactory(LOOKUP, "apply",
                        MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), handle,
                        MethodType.methodType(method.getReturnType().isPrimitive()
                                ? MethodType.methodType(method.getReturnType()).wrap().returnType() : method.getReturnType(),
                                method.getDeclaringClass())).getTarget().invokeExact();
            } catch (Throwable e) {
                MethodHandle general = handle.asType(MethodType.methodType(Object.class, Object.class));
                return fact -> {
                    try {
                        return general.invokeExact(fact);
                    } catch (RuntimeException | Error x) {
                        throw x;
                    } catch (Throwable x) {
                        throw new IllegalStateException(x);
                    }
                };
            }
        } catch (IllegalAccessException e) {
            return fact -> {
                try {
                    return method.invoke(fact);
                } catch (ReflectiveOperationException x) {
                    throw new IllegalStateException(x);
                }
            };
        }
    }

    /** The fields the rule read, in the order it reads them: two arrays, no map entries until iterated. */
    private static final class Fields extends AbstractMap<String, Object> {
        private final String[] names;
        private final Object[] values;

        Fields(String[] names, Object[] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public Object get(Object key) {
            for (int i = 0; i < names.length; i++) if (names[i].equals(key)) return values[i];
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            for (String n : names) if (n.equals(key)) return true;
            return false;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return names.length;
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < names.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (i >= names.length) throw new NoSuchElementException();
                            Entry<String, Object> e = new SimpleImmutableEntry<>(names[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }
            };
        }
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
