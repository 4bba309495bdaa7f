package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.Json;
import org.lantian.domain.Span;

/**
 * findings.jsonl's lines are written as bytes by {@link JsonOut}, not by Jackson's generator: over arbitrary
 * texts (control characters, quotes, backslashes, lone and paired surrogates, characters beyond the BMP, U+2028,
 * DEL, long texts that fill the buffer) and numbers, it writes exactly the bytes the mapper's generator writes.
 */
class JsonOutTest {
    /** Characters where escaping and encoding change: each a piece a text is made of. */
    private static final String SPECIAL = "\u0000\u0001\b\t\n\u000B\f\r\u001F \"\\/\u007F\u0080\u00E9\u07FF\u0800\u2028\u2029"
            + "\uD800\uDBFF\uDC00\uDFFF\uE000\uFFFD\uFFFF\u4E2D";

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> special = Arbitraries.of(SPECIAL.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Character> any = Arbitraries.chars(); // every UTF-16 code unit, surrogates included
        Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
        Arbitrary<String> pieces = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(4, ascii))
                .list().ofMaxSize(40).map(cs -> {
                    StringBuilder b = new StringBuilder();
                    for (char c : cs) b.append(c);
                    return b.toString();
                });
        Arbitrary<String> nonBmp = Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)
                .list().ofMaxSize(8).map(cps -> {
                    StringBuilder b = new StringBuilder();
                    for (int cp : cps) b.appendCodePoint(cp).append('x');
                    return b.toString();
                });
        return Arbitraries.oneOf(pieces, nonBmp, Arbitraries.strings().ofMaxLength(30), Arbitraries.just(null));
    }

    @Property(tries = 5_000)
    void aTextIsWrittenAsJacksonWritesIt(@ForAll("texts") String text) throws IOException {
        assertArrayEquals(jackson(g -> g.writeString(text)), ours(o -> o.string(text)), () -> "text " + escaped(text));
    }

    @Property(tries = 300)
    void textsThatFillTheBufferAreWrittenWhole(@ForAll("texts") String text, @ForAll("texts") String other) throws IOException {
        // Long enough for the buffer to go out mid-stream several times.
        String a = (text == null ? "" : text).repeat(2_000) + "\uD83D\uDE00" + other;
        assertArrayEquals(jackson(g -> {
            g.writeStartArray();
            for (int i = 0; i < 5; i++) g.writeString(a);
            g.writeEndArray();
        }), ours(o -> {
            o.raw('[');
            for (int i = 0; i < 5; i++) {
                if (i > 0) o.raw(',');
                o.string(a);
            }
            o.raw(']');
        }));
    }

    @Property(tries = 2_000)
    void anIntegerIsWrittenAsJacksonWritesIt(@ForAll int n) throws IOException {
        assertArrayEquals(jackson(g -> g.writeNumber(n)), ours(o -> o.number(n)));
    }

    @Property(tries = 2_000)
    void aDoubleIsWrittenAsJacksonWritesIt(@ForAll double d) throws IOException {
        assertArrayEquals(jackson(g -> g.writeNumber(d)), ours(o -> o.number(d)), () -> "double " + d);
    }

    @Example
    void edgeNumbers() throws IOException {
        for (int n : new int[] {0, -1, 9, 10, -10, Integer.MIN_VALUE, Integer.MAX_VALUE}) anIntegerIsWrittenAsJacksonWritesIt(n);
        for (double d : new double[] {0.0, -0.0, 0.93, 1e-5, 1e20, 1e7, 123456789.5, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE}) aDoubleIsWrittenAsJacksonWritesIt(d);
    }

    @Property(tries = 2_000)
    void aDayIsWrittenAsTheMapperWritesIt(@ForAll("days") LocalDate day) throws IOException {
        assertArrayEquals(jackson(g -> g.writeObject(day)), ours(o -> o.date(day)), () -> "day " + day);
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.oneOf(Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay),
                Arbitraries.longs().between(-800_000, 3_000_000).map(LocalDate::ofEpochDay), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(texts().map(t -> t), Arbitraries.integers().map(i -> i), Arbitraries.doubles().map(d -> d),
                Arbitraries.of(true, false).map(b -> b), Arbitraries.just(null),
                texts().list().ofMaxSize(4).map(l -> l.stream().map(t -> t == null ? "" : t).toList()),
                Arbitraries.of(new Span(LocalDate.of(2022, 6, 27), LocalDate.of(2022, 7, 3)), new Span(null, LocalDate.of(2022, 1, 1))),
                days().map(d -> new Span(d, LocalDate.of(999, 12, 31))),
                // kinds written through the mapper
                Arbitraries.longs().map(l -> l), Arbitraries.floats().map(f -> f), Arbitraries.just(Map.of("a", 1)),
                Arbitraries.just(List.of(1, "x")), Arbitraries.just(LocalDate.of(2022, 6, 30)));
    }

    @Property(tries = 3_000)
    void aValueIsWrittenAsTheMapperWritesIt(@ForAll("values") Object value) throws IOException {
        assertArrayEquals(jackson(g -> g.writeObject(value)), ours(o -> o.value(value)), () -> "value " + value);
    }

    private interface Writes<T> {
        void to(T t) throws IOException;
    }

    private static byte[] jackson(Writes<JsonGenerator> w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            w.to(g);
        }
        return out.toByteArray();
    }

    private static byte[] ours(Writes<JsonOut> w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonOut o = new JsonOut(out);
        w.to(o);
        o.flush();
        return out.toByteArray();
    }

    private static String escaped(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        return b.toString();
    }
}
