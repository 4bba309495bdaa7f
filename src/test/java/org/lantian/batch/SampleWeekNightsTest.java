package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.store.TestDatabases;

/**
 * The sample week run night by night, each night alone with the store's history (H2 and PostgreSQL): weekly
 * flushes PENDING on Wednesday and judged on Sunday, measure 15 FAILs the town without a campaign, and the
 * week's bulletin reads the nights' scorecards.
 */
class SampleWeekNightsTest {
    private static final Path WEEK = Path.of("samples/week-2022-06-27");
    private static final LocalDate MONDAY = LocalDate.of(2022, 6, 27);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    private static String status(Path out, String rule, String subject) throws IOException {
        List<JsonNode> found = BatchRunTest.findings(out, rule, subject);
        assertEquals(1, found.size(), rule + " " + subject + ": " + found);
        return found.get(0).get("status").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theWeekNightByNightIsJudgedLikeTheWeekTogether(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        for (int d = 0; d < 7; d++) {
            String day = MONDAY.plusDays(d).toString();
            var run = lantian("batch", WEEK.resolve(day).toString(), "--as-of", day, "--db", url, "--out", tmp.resolve(day).toString(),
                    "--rules", TestPacks.BUNDLED.toString());
            assertTrue(run.code() == 0 || run.code() == 1, run.err());
        }
        // A day is judged once: by the night its facts came, not again by the later nights that load them for their week.
        java.util.Map<String, String> judgedOn = new java.util.HashMap<>();
        int days = 0;
        for (int d = 0; d < 7; d++) {
            String night = MONDAY.plusDays(d).toString();
            for (JsonNode f : BatchRunTest.lines(tmp.resolve(night).resolve("findings.jsonl"))) {
                JsonNode period = f.get("period");
                if (!period.get("from").equals(period.get("to"))) continue;
                days++;
                String key = f.get("rule").asText() + " " + f.get("subject").asText() + " " + period.get("to").asText();
                String before = judgedOn.put(key, night);
                assertTrue(before == null, key + " judged on " + before + " and again on " + night);
            }
        }
        assertTrue(days > 100, "the week's day findings: " + days);
        Path wed = tmp.resolve("2022-06-29");
        assertEquals("PENDING", status(wed, "13-back-lane-weekly-flush", "BL-112/2022-W26"), "never flushed, week running");
        assertEquals("PASS", status(wed, "13-back-lane-weekly-flush", "BL-101/2022-W26"), "flushed on Wednesday");
        assertEquals("PENDING", status(wed, "14-core-weekly-flushes", "R-001/2022-W26"), "1 of 2 by Wednesday");

        Path sun = tmp.resolve("2022-07-03");
        assertEquals("FAIL", status(sun, "13-back-lane-weekly-flush", "BL-112/2022-W26"), "never flushed in the week");
        assertEquals("PASS", status(sun, "13-back-lane-weekly-flush", "BL-101/2022-W26"), "Wednesday's flush, from the store");
        assertEquals("PASS", status(sun, "14-core-weekly-flushes", "R-001/2022-W26"), "flushed Tuesday and Friday");
        assertEquals("PASS", status(sun, "14-radiating-weekly-flush", "T-031/2022-W26"), "Thursday's flush, from the store");
        assertEquals("PASS", status(sun, "15-weekly-cleaning-campaigns", "北街街道/2022-W26"));
        assertEquals("FAIL", status(sun, "15-weekly-cleaning-campaigns", "南街街道/2022-W26"), "no campaign all week");

        Path bulletin = tmp.resolve("bulletin");
        var b = lantian("bulletin", "--db", url, "--week", "2022-W26", "--out", bulletin.toString(), "--rules", TestPacks.BUNDLED.toString());
        assertEquals(0, b.code(), b.err());
        JsonNode json = Json.MAPPER.readTree(bulletin.resolve("bulletin.json").toFile());
        assertEquals(7, json.get("nights").asInt());
        assertTrue(json.get("units").size() > 0, json.toString());
    }
}
