package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;

/**
 * The sample week samples/week-2022-06-27, its nights evaluated together: weekly targets are PENDING while the
 * week runs (Wednesday) and PASS or FAIL once it has ended (Sunday), and every finding names its period.
 */
class SampleWeekTest {
    private static final Path WEEK = Path.of("samples/week-2022-06-27");

    @TempDir
    Path tmp;

    private Path nights(String asOf, String... days) {
        Path out = tmp.resolve(asOf);
        List<String> args = new ArrayList<>(List.of("batch"));
        for (String d : days) args.add(WEEK.resolve(d).toString());
        args.addAll(List.of("--as-of", asOf, "--out", out.toString(), "--rules", TestPacks.BUNDLED.toString(), "--no-history"));
        var run = lantian(args.toArray(String[]::new));
        assertTrue(run.code() == 0 || run.code() == 1, run.err());
        return out;
    }

    private static String status(Path out, String rule, String subject) throws IOException {
        List<JsonNode> found = BatchRunTest.findings(out, rule, subject);
        assertEquals(1, found.size(), rule + " " + subject + ": " + found);
        return found.get(0).get("status").asText();
    }

    @Test
    void weeklyTargetsArePendingOnWednesdayAndJudgedOnSunday() throws IOException {
        Path wed = nights("2022-06-29", "2022-06-27", "2022-06-28", "2022-06-29");
        assertEquals("PENDING", status(wed, "13-back-lane-weekly-flush", "BL-112/2022-W26"), "never flushed, week running");
        assertEquals("PASS", status(wed, "13-back-lane-weekly-flush", "BL-101/2022-W26"), "flushed on Wednesday");
        assertEquals("PENDING", status(wed, "14-core-weekly-flushes", "R-001/2022-W26"), "1 of 2 by Wednesday");
        assertEquals("PENDING", status(wed, "14-radiating-weekly-flush", "T-031/2022-W26"));
        assertTrue(BatchRunTest.findings(wed, "14-core-weekly-flushes", "R-001/2022-W26").get(0)
                .get("message").get("en").asText().endsWith("the week ends 2022-07-03"));

        Path sun = nights("2022-07-03", "2022-06-27", "2022-06-28", "2022-06-29", "2022-06-30", "2022-07-01",
                "2022-07-02", "2022-07-03");
        assertEquals("FAIL", status(sun, "13-back-lane-weekly-flush", "BL-112/2022-W26"), "never flushed in the week");
        assertEquals("PASS", status(sun, "13-back-lane-weekly-flush", "BL-101/2022-W26"));
        assertEquals("PASS", status(sun, "14-core-weekly-flushes", "R-001/2022-W26"), "flushed Tuesday and Friday");
        assertEquals("PASS", status(sun, "14-radiating-weekly-flush", "T-031/2022-W26"));
        assertEquals("PASS", status(sun, "15-weekly-cleaning-campaigns", "北街街道/2022-W26"));
        assertEquals("FAIL", status(sun, "15-weekly-cleaning-campaigns", "南街街道/2022-W26"), "no campaign all week");
        assertEquals("PASS", status(sun, "34-quarterly-cleaning", "CY-0160/2022-Q2"), "cleaned on Thursday night's report");
        assertEquals("PENDING", status(sun, "34-quarterly-cleaning", "CY-0150/2022-Q3"));
        assertEquals("PASS", status(sun, "13-daily-sweeps", "R-001/2022-06-30"), "a daily target names its day");
    }

    @Test
    void everyFindingHasAPeriodContainingItsJudgement() throws IOException {
        Path sun = nights("2022-07-03", "2022-06-27", "2022-06-28", "2022-06-29", "2022-06-30", "2022-07-01",
                "2022-07-02", "2022-07-03");
        List<JsonNode> all = BatchRunTest.lines(sun.resolve("findings.jsonl"));
        assertTrue(all.size() > 50);
        for (JsonNode f : all) {
            JsonNode p = f.get("period");
            assertTrue(p != null && p.hasNonNull("from") && p.hasNonNull("to"), "no period: " + f);
            assertTrue(p.get("from").asText().compareTo(p.get("to").asText()) <= 0, f.toString());
            if (f.get("status").asText().equals("PENDING")) {
                assertTrue(p.get("to").asText().compareTo("2022-07-03") > 0, "PENDING only while its period runs: " + f);
            }
        }
    }
}
