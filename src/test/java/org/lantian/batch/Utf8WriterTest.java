package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The workbook's UTF-8 writer writes the bytes the JDK's buffered UTF-8 writer writes, however the text is cut. */
class Utf8WriterTest {
    /** One write: a text, how it is handed over (0 a String, 1 part of a String, 2 part of a char[], 3 char by char), a flush after it. */
    record Piece(String text, int how, boolean flush) {
    }

    @Property(tries = 1_000)
    void everyWriteGivesTheJdksBytes(@ForAll("pieces") List<Piece> pieces) throws IOException {
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Writer a = new BufferedWriter(new OutputStreamWriter(jdk, StandardCharsets.UTF_8));
        Writer b = new Utf8Writer(ours);
        for (Piece p : pieces) {
            write(a, p);
            write(b, p);
            if (p.flush()) {
                a.flush();
                b.flush();
                assertArrayEquals(jdk.toByteArray(), ours.toByteArray(), () -> "flushed after " + pieces);
            }
        }
        a.close();
        b.close();
        assertArrayEquals(jdk.toByteArray(), ours.toByteArray(), () -> "closed after " + pieces);
    }

    private static void write(Writer w, Piece p) throws IOException {
        String s = p.text();
        switch (p.how()) {
            case 0 -> w.write(s);
            case 1 -> w.write("<" + s + ">", 1, s.length());
            case 2 -> w.write(("<" + s + ">").toCharArray(), 1, s.length());
            default -> {
                for (int i = 0; i < s.length(); i++) w.write(s.charAt(i));
            }
        }
    }

    /** Texts of ASCII, Chinese, two-byte letters, emoji and unpaired surrogates of either kind, short and (a tenth) long. */
    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().ascii(), Arbitraries.chars().range('\u4e00', '\u9fff'),
                Arbitraries.chars().range('\u0080', '\u07ff'), Arbitraries.chars().range('\ud800', '\udfff'),
                Arbitraries.of('\ud83d', '\ude00', '\uffff', '\u0000'));
        Arbitrary<String> shortTexts = chars.list().ofMaxSize(12).map(Utf8WriterTest::text);
        // a short text many times over: past the writer's 64 KiB buffer, cut anywhere
        Arbitrary<String> texts = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, shortTexts),
                net.jqwik.api.Tuple.of(1, shortTexts.filter(t -> !t.isEmpty()).map(t -> t.repeat(30_000 / t.length() + 1))));
        Arbitrary<Piece> piece = net.jqwik.api.Combinators.combine(texts, Arbitraries.integers().between(0, 3),
                Arbitraries.of(false, false, true)).as(Piece::new);
        return piece.list().ofMaxSize(12);
    }

    private static String text(List<Character> cs) {
        StringBuilder b = new StringBuilder(cs.size());
        for (char c : cs) b.append(c);
        return b.toString();
    }
}
