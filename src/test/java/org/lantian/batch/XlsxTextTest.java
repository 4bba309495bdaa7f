package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/** The workbook's sheet writer writes every text as POI's own does, character for character. */
class XlsxTextTest {
    /** POI's writer as it is, its escaping opened to the test. */
    private static final class Poi extends SheetDataWriter {
        Poi(Writer out) throws IOException {
            super(out);
        }

        void text(String s) throws IOException {
            outputEscapedString(s);
            _out.flush();
        }
    }

    @Property(tries = 5_000)
    void aTextIsWrittenAsPoiWritesIt(@ForAll("texts") String text) throws IOException {
        StringWriter poi = new StringWriter();
        new Poi(poi).text(text);
        StringWriter ours = new StringWriter();
        XlsxReport.SheetWriter writer = new XlsxReport.SheetWriter(ours);
        writer.outputEscapedString(text);
        writer.close();
        assertEquals(poi.toString(), ours.toString(), () -> "text " + text);
    }

    /** Texts of every kind of character: plain, Chinese, XML's specials, controls, surrogates (paired or not), U+FFFE/F. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> special = Arbitraries.of('<', '>', '&', '"', '\'', '\n', '\r', '\t', '\u0000', '\u001f', ' ',
                '\u00a0', '\ud83d', '\ude00', '\ufffe', '\uffff', '\ufffd', '区');
        Arbitrary<Character> any = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.chars().alpha()),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().range('\u4e00', '\u9fff')),
                net.jqwik.api.Tuple.of(3, special),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().all()));
        return Arbitraries.oneOf(Arbitraries.just(null), any.list().ofMaxSize(12).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        }));
    }
}
