package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.domain.Evidence;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Status;

/** The workbook's findings sheet takes the night's first 100,000 findings in the file's order, however the blocks fall. */
class NightWriterTest {
    @Test
    void theFindingsSheetHoldsTheFirstFindingsAcrossBlocksAndSaysHowManyMore(@TempDir Path work) throws IOException {
        int[] blocks = {60_000, 39_999, 3, 50}; // the cap falls inside the third block
        int total = 0;
        try (NightWriter writer = new NightWriter(work, Compression.NONE, false)) {
            for (int size : blocks) {
                List<Ranked> block = new ArrayList<>();
                for (int i = 0; i < size; i++) block.add(Ranked.of(finding(total++)));
                writer.write(block);
            }
            writer.finish(new NightReport(LocalDate.of(2022, 6, 30), new NightReport.Pack("test", "0"), List.of(), total,
                    total, 0, 0, total, Map.of(Status.FAIL, (long) total), 0.0, List.of(), List.of(), List.of(), List.of(),
                    null, null));
        }
        String sheet = findingsSheet(work.resolve("report.xlsx"));
        Matcher rows = Pattern.compile("<row r=\"(\\d+)\"").matcher(sheet);
        int count = 0;
        int last = 0;
        while (rows.find()) {
            count++;
            last = Integer.parseInt(rows.group(1));
        }
        assertEquals(XlsxReport.FINDING_ROWS + 2, count, "the header, a row per finding, the note");
        assertEquals(XlsxReport.FINDING_ROWS + 2, last);
        assertTrue(sheet.contains(">S-000000<") && sheet.contains(">S-099999<"), "the first and the 100,000th finding");
        assertTrue(!sheet.contains(">S-100000<"), "no finding past the 100,000th");
        assertTrue(sheet.indexOf(">S-049999<") < sheet.indexOf(">S-050000<"), "in the file's order");
        assertTrue(sheet.contains("… " + (total - XlsxReport.FINDING_ROWS) + " more findings in findings.jsonl"), "the note");
    }

    /** A FAIL finding, a line of its own: the file's order is the blocks' order. */
    private static Finding finding(int n) {
        String subject = "S-%06d".formatted(n);
        return new Finding(13, "13-rule", subject, "Road", Status.FAIL, n, 5, List.of("区市容环卫中心"),
                new Message("未达标 " + n, "missed " + n), "ongoing", null, "sub-" + n, null,
                List.of(new Evidence("Road", subject, null, null, Map.of())));
    }

    /** The XML of the findings sheet, the first made. */
    private static String findingsSheet(Path xlsx) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
