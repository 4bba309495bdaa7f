package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;

/** The report files of the sample night: report.json, report.xlsx read back, report.html in a real headless browser. */
class BatchReportsTest {
    @TempDir
    static Path tmp;
    static Path out;
    static NightReport report;

    @BeforeAll
    static void runTheSampleNight() throws Exception {
        out = tmp.resolve("out");
        report = BatchRunTest.batch(out, 2, Path.of("samples/night-2022-06-30")).report();
    }

    @Test
    void reportJsonHasTheScorecardByMeasureAndUnitAndThePackIdentity() throws IOException {
        JsonNode json = Json.MAPPER.readTree(out.resolve("report.json").toFile());
        assertEquals("chengqu-2022", json.get("pack").get("name").asText());
        assertEquals(16, json.get("pack").get("hash").asText().length());
        assertEquals(41, json.get("measures").size(), "every ledger measure");
        JsonNode m13 = json.get("measures").get(12);
        assertEquals(13, m13.get("measure").asInt());
        long total = 0;
        for (JsonNode n : m13.get("counts")) total += n.asLong();
        assertTrue(total > 0);
        assertTrue(m13.get("failingCount").asLong() > 0, "the sample night has failing roads");
        assertEquals("FAIL", m13.get("failing").get(0).get("status").asText());
        assertTrue(json.get("units").findValuesAsText("unit").containsAll(List.of("区市容环卫中心", "北街街道")));
        assertTrue(json.get("rejects").asLong() > 0, "the sample night has malformed records");
        assertEquals(json.get("rejects").asLong(), Files.readAllLines(out.resolve("rejects.jsonl")).size());
        assertEquals(json.get("findings").asLong(), FindingsFile.readAll(out.resolve("findings.jsonl")).size());
        assertTrue(json.get("duplicates").asLong() >= 5, "the re-sent app submission counts once");
        assertFalse(json.get("measuresWithoutData").isEmpty());
        assertEquals(5, json.get("inputs").size(), "app/ (3 files), office/RoadCleaning.csv, night.jsonl");
    }

    @Test
    void theWorkbookReadsBackWithASheetPerUnitAndEveryFinding() throws IOException {
        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
            List<String> names = new ArrayList<>();
            book.forEach(s -> names.add(s.getSheetName()));
            assertEquals("记分卡 Scorecard", names.get(0));
            assertEquals(XlsxReport.FINDINGS_SHEET, names.get(names.size() - 1));
            assertEquals(report.units().size() + 2, names.size(), names.toString());
            assertTrue(names.contains("区市容环卫中心"), names.toString());
            Sheet all = book.getSheet(XlsxReport.FINDINGS_SHEET);
            assertEquals(report.findings(), all.getLastRowNum(), "a header row and one row per finding");
            JsonNode f = FindingsFile.readAll(out.resolve("findings.jsonl")).get(0);
            assertEquals(f.get("rule").asText(), all.getRow(1).getCell(1).getStringCellValue());
            assertEquals(f.get("status").asText(), all.getRow(1).getCell(4).getStringCellValue());
            Sheet roads = book.getSheet("区市容环卫中心");
            NightReport.UnitCard unit = report.units().stream().filter(u -> u.unit().equals("区市容环卫中心")).findFirst().orElseThrow();
            assertEquals((double) unit.counts().get(org.lantian.domain.Status.FAIL), roads.getRow(2).getCell(1).getNumericCellValue());
        }
    }

    static String chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv("PATH").split(":")) {
                if (Files.isExecutable(Path.of(dir, c))) return Path.of(dir, c).toString();
            }
        }
        return null;
    }

    @Test
    void theHtmlPageLoadsInAHeadlessBrowserWithoutErrorsAndShowsTheScorecard() throws Exception {
        String chromium = chromium();
        if (!org.lantian.store.TestDatabases.underCi()) Assumptions.assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
        assertNotNull(chromium, "chromium is not installed: .ci/run installs it");
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external assets");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom",
                out.resolve("report.html").toUri().toString())
                .redirectError(tmp.resolve("chromium.err").toFile()).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String page = new String(dom, StandardCharsets.UTF_8);
        String log = Files.readString(tmp.resolve("chromium.err"));
        assertTrue(page.contains("data-ready=\"1\""), "the page's script ran to the end:\n" + log);
        assertTrue(page.contains("id=\"units\"") && page.contains("id=\"measure-table\""), "the scorecard tables are there");
        assertTrue(page.contains("<svg class=\"bars\""), "the bar charts are there");
        assertTrue(page.contains("区市容环卫中心"), "units are listed");
        assertFalse(log.contains("Uncaught"), "no script errors:\n" + log);
        assertFalse(log.contains("Failed to load resource"), "nothing external to load:\n" + log);
    }
}
