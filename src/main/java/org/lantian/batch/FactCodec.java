package org.lantian.batch;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.LambdaMetafactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A record fact as compact binary, for the spill: its fields in declaration order, each as its value (a null
 * as one byte), read back through the canonical constructor, as Jackson binds it. Binding the spilled facts
 * again from this form costs a fraction of parsing their JSON again. A type with a field of another kind than
 * those below has no codec ({@link #of} gives null) and is spilled as JSON.
 */
final class FactCodec {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** How one field's value (never null) is written and read. */
    private record Value(Writer writer, Reader reader) {
        /** The value, or null, behind a byte that says which. */
        void write(BinaryOut out, Object v) throws IOException {
            if (v == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                writer.write(out, v);
            }
        }

        Object read(ByteBuffer in, Recurring recurring) {
            return in.get() == 0 ? null : reader.read(in, recurring);
        }
    }

    private interface Writer {
        void write(BinaryOut out, Object v) throws IOException;
    }

    private interface Reader {
        Object read(ByteBuffer in, Recurring recurring);
    }

    private final Function<Object, Object>[] getters;
    private final Value[] values;
    private final MethodHandle constructor;

    private FactCodec(Function<Object, Object>[] getters, Value[] values, MethodHandle constructor) {
        this.getters = getters;
        this.values = values;
        this.constructor = constructor;
    }

    /**
     * Codecs made once per type and JVM: each one is made of generated classes (its accessors' lambdas, its
     * constructor's method handle) that the JIT compiles anew, so a codec per night kept a JVM running nights
     * one after another (the bench, a server) compiling through every night.
     */
    private static final ClassValue<Optional<FactCodec>> CODECS = new ClassValue<>() {
        @Override
        protected Optional<FactCodec> computeValue(Class<?> type) {
            return Optional.ofNullable(make(type));
        }
    };

    /** The codec of a record type, or null when one of its fields is of a kind it does not know. */
    static FactCodec of(Class<?> type) {
        return CODECS.get(type).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static FactCodec make(Class<?> type) {
        if (!type.isRecord()) return null;
        try {
            RecordComponent[] components = type.getRecordComponents();
            Function<Object, Object>[] getters = new Function[components.length];
            Value[] values = new Value[components.length];
            Class<?>[] parameters = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                values[i] = value(c.getType(), c.getGenericType());
                if (values[i] == null) return null;
                // a fact's accessors give its fields as they are (FactCodecTest: every fact comes back equal)
                getters[i] = getter(c.getAccessor());
                parameters[i] = c.getType();
            }
            var canonical = type.getDeclaredConstructor(parameters);
            canonical.setAccessible(true);
            MethodHandle constructor = LOOKUP.unreflectConstructor(canonical)
                    .asType(MethodType.methodType(Object.class, parameters).generic())
                    .asSpreader(Object[].class, components.length);
            return new FactCodec(getters, values, constructor);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return null; // spilled as JSON
        }
    }

    void write(BinaryOut out, Object fact) throws IOException {
        for (int i = 0; i < values.length; i++) values[i].write(out, getters[i].apply(fact));
    }

    /** Reads a fact, its texts and days made once for the partition ({@code recurring}). */
    Object read(ByteBuffer in, Recurring recurring) {
        Object[] args = new Object[values.length];
        for (int i = 0; i < args.length; i++) args[i] = values[i].read(in, recurring);
        try {
            return constructor.invokeExact(args);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot bind a spilled fact again", e);
        }
    }

    /** An accessor as a function made for it (a method handle called from a field is interpreted, and slow). */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> getter(Method accessor) throws Throwable {
        Class<?> returns = MethodType.methodType(accessor.getReturnType()).wrap().returnType();
        return (Function<Object, Object>) LambdaMetafactory.metafactory(LOOKUP, "apply", MethodType.methodType(Function.class),
                MethodType.methodType(Object.class, Object.class), LOOKUP.unreflect(accessor),
                MethodType.methodType(returns, accessor.getDeclaringClass())).getTarget().invokeExact();
    }

    private static Value value(Class<?> type, Type generic) {
        if (type == String.class) return text(Recurring.field());
        if (type == Integer.class || type == int.class) return INT;
        if (type == Long.class || type == long.class) return LONG;
        if (type == Double.class || type == double.class) return DOUBLE;
        if (type == Boolean.class || type == boolean.class) return BOOLEAN;
        if (type == LocalDate.class) return DATE;
        if (type == LocalTime.class) return TIME;
        if (type.isEnum()) return enumOf(type.getEnumConstants());
        if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
            Value element = value(e, e);
            return element == null ? null : listOf(element);
        }
        return null;
    }

    /** A text field, its texts kept apart from other fields' while its partition is read. */
    private static Value text(int field) {
        return new Value((out, v) -> out.writeUtf8((String) v), (in, recurring) -> recurring.text(field, in, in.getInt()));
    }
    private static final Value INT = new Value((out, v) -> out.writeInt((Integer) v), (in, recurring) -> in.getInt());
    private static final Value LONG = new Value((out, v) -> out.writeLong((Long) v), (in, recurring) -> in.getLong());
    private static final Value DOUBLE = new Value((out, v) -> out.writeLong(Double.doubleToRawLongBits((Double) v)),
            (in, recurring) -> Double.longBitsToDouble(in.getLong()));
    private static final Value BOOLEAN = new Value((out, v) -> out.writeBoolean((Boolean) v), (in, recurring) -> in.get() != 0);
    private static final Value DATE = new Value((out, v) -> out.writeLong(((LocalDate) v).toEpochDay()),
            (in, recurring) -> recurring.day(in.getLong()));
    private static final Value TIME = new Value((out, v) -> out.writeLong(((LocalTime) v).toNanoOfDay()),
            (in, recurring) -> LocalTime.ofNanoOfDay(in.getLong()));

    private static Value enumOf(Object[] constants) {
        return new Value((out, v) -> out.writeShort(((Enum<?>) v).ordinal()), (in, recurring) -> constants[in.getShort()]);
    }

    /** A list as Jackson binds one (an ArrayList), its elements each with a null byte. */
    private static Value listOf(Value element) {
        return new Value((out, v) -> {
            List<?> list = (List<?>) v;
            out.writeInt(list.size());
            for (Object e : list) element.write(out, e);
        }, (in, recurring) -> {
            int n = in.getInt();
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(element.read(in, recurring));
            return list;
        });
    }
}
