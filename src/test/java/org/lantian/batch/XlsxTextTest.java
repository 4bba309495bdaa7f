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
import java.util.List;
import net.jqwik.api.constraints.IntRange;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/** The workbook's sheet writer writes every text and every row as POI's own does, character for character. */
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

    @Property(tries = 2_000)
    void aRowIsWrittenAsPoiWritesIt(@ForAll("rows") List<Object> values, @ForAll @IntRange(max = 1_048_575) int rownum)
            throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(-1)) {
            CellStyle bold = book.createCellStyle();
            SXSSFRow row = book.createSheet().createRow(rownum);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) continue; // no cell
                SXSSFCell cell = row.createCell(i);
                if (v instanceof Double d) cell.setCellValue(d);
                else if (v instanceof Boolean b) cell.setCellValue(b);
                else if (v == BLANK) cell.setBlank();
                else cell.setCellValue((String) v);
                if (i % 3 == 1) cell.setCellStyle(bold);
                if (i % 5 == 2) cell.setCellStyle(book.getCellStyleAt(0));
            }
            StringWriter poi = new StringWriter();
            Poi p = new Poi(poi);
            p.writeRow(rownum, row);
            p.close();
            StringWriter ours = new StringWriter();
            XlsxReport.SheetWriter writer = new XlsxReport.SheetWriter(ours);
            writer.writeRow(rownum, row);
            writer.close();
            assertEquals(poi.toString(), ours.toString(), () -> "row " + values);
        }
    }

    private static final Object BLANK = new Object();

    /** A row's cells (null: none): texts, numbers, booleans, blanks; up to 30 columns (past Z); some styled. */
    @Provide
    Arbitrary<List<Object>> rows() {
        Arbitrary<Object> value = Arbitraries.oneOf(texts().map(t -> t == null ? " x " : t),
                Arbitraries.of(0.0, -0.0, 1.0, 0.955, 1e300, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, 123456789.0),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false), Arbitraries.just(BLANK), Arbitraries.just(null));
        return value.list().ofMaxSize(30);
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
