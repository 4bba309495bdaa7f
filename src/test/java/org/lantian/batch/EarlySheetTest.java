package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import net.jqwik.api.constraints.IntRange;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Span;
import org.lantian.domain.Status;

/**
 * The findings sheet deflated early and spliced into report.xlsx gives the very bytes POI writes on its own: with
 * the sheet full and a note behind it (the beginning foreseen), full without a note (foreseen wrongly: deflated
 * again), not full (nothing deflated early), over any texts.
 */
class EarlySheetTest {
    /** More than POI's window of 200 rows: some rows are in the sheet's file when it is deflated early. */
    private static final int ROWS = 450;

    @Example
    void aFullSheetWithItsNoteIsSplicedAsForeseen() throws IOException {
        List<Finding> findings = findings(ROWS, i -> "S-20220630-%06d".formatted(i));
        assertEquals(true, sameAsPoi(findings, ROWS + 7), "deflated early and spliced");
    }

    @Example
    void aFullSheetWithoutANoteIsDeflatedAgainAndSpliced() throws IOException {
        List<Finding> findings = findings(ROWS, i -> "S-" + i);
        assertEquals(true, sameAsPoi(findings, ROWS), "spliced after deflating again");
    }

    @Example
    void aSheetNotFullIsLeftToPoi() throws IOException {
        List<Finding> findings = findings(ROWS - 1, i -> "S-" + i);
        assertEquals(false, sameAsPoi(findings, ROWS - 1));
    }

    @Property(tries = 25)
    void anySheetIsWrittenAsPoiWritesIt(@ForAll("texts") List<String> texts, @ForAll @IntRange(min = 0, max = 3) int more)
            throws IOException {
        List<Finding> findings = findings(ROWS, i -> texts.get(i % texts.size()));
        sameAsPoi(findings, ROWS + more);
    }

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> special = Arbitraries.strings().withChars("<>&\"'\u00A0\t\n\r\u0001 \uFFFE\uFFFF\uD800\uDC00中文é").ofMaxLength(12);
        return Arbitraries.oneOf(special, Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ascii().ofMaxLength(20))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    /** Writes the workbook both ways and asserts the same bytes; returns whether the early one was spliced. */
    private static boolean sameAsPoi(List<Finding> findings, long total) throws IOException {
        byte[] poi = workbook(findings, total, false, null);
        boolean[] spliced = new boolean[1];
        byte[] early = workbook(findings, total, true, spliced);
        assertArrayEquals(poi, early, "the workbook's bytes");
        return spliced[0];
    }

    private static byte[] workbook(List<Finding> findings, long total, boolean early, boolean[] spliced) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxReport xlsx = new XlsxReport(ROWS, early)) {
            for (Finding f : findings) xlsx.finding(f);
            xlsx.finish(new NightReport(LocalDate.of(2022, 6, 30), new NightReport.Pack("test", "0"), List.of(), total, total, 0, 0,
                    total, Map.of(Status.PASS, total), 1.0, List.of(), List.of(), List.of(), List.of(), null, null));
            xlsx.write(out);
            if (spliced != null) spliced[0] = xlsx.deflatedEarly();
        }
        return out.toByteArray();
    }

    private static List<Finding> findings(int n, java.util.function.IntFunction<String> text) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new Finding(13, "13-rule", text.apply(i), "Road",
                i % 3 == 0 ? Status.FAIL : Status.PASS, i % 2 == 0 ? (Object) i : text.apply(i + 1), 5, List.of("区市容环卫中心"),
                new Message("未达标 " + text.apply(i), "missed " + i), "ongoing",
                new Span(LocalDate.of(2022, 6, 27), LocalDate.of(2022, 7, 3)), text.apply(i + 2), null, null)).toList();
    }
}
