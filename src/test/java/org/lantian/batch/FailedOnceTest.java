package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.store.TestDatabases;

/**
 * A day's FAIL is a failure of one night (H2 and PostgreSQL): the later nights of its week load the day's facts for
 * the week's flushes, but neither say its FAIL again nor count it in their scorecards, so the week's bulletin lists
 * no subject as failing again and again that failed once (docs/findings.md, "Judged once").
 */
class FailedOnceTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** Back lane BL-9's report of a day, wet-swept that many times (the target: once a day). */
    private static String lane(String day, int wetSweeps) {
        return "{\"type\":\"RoadCleaning\",\"submission\":\"" + day + "-BL-9\",\"road\":\"BL-9\",\"roadClass\":\"BACK_LANE\","
                + "\"town\":\"南街街道\",\"date\":\"" + day + "\",\"wetSweeps\":" + wetSweeps + ",\"flushes\":0}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aDaysFailIsSaidAndCountedOnItsNightOnly(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        String[][] nights = {{"2022-06-27", "0"}, {"2022-06-28", "1"}, {"2022-06-29", "0"}};
        for (String[] n : nights) {
            Path in = Files.createDirectories(tmp.resolve("in").resolve(n[0]));
            Files.writeString(in.resolve("night.jsonl"), lane(n[0], Integer.parseInt(n[1])) + "\n");
            var run = lantian("batch", in.toString(), "--as-of", n[0], "--db", url, "--out", tmp.resolve(n[0]).toString(),
                    "--rules", TestPacks.BUNDLED.toString());
            assertTrue(run.code() == 0 || run.code() == 1, run.err());
        }
        // Each night says the wet sweeps of its own day, and Monday's FAIL on Monday only.
        for (String[] n : nights) {
            List<JsonNode> sweeps = BatchRunTest.lines(tmp.resolve(n[0]).resolve("findings.jsonl")).stream()
                    .filter(f -> f.get("rule").asText().equals("13-back-lane-wet-sweep")).toList();
            assertEquals(1, sweeps.size(), n[0] + ": " + sweeps);
            assertEquals("BL-9/" + n[0], sweeps.get(0).get("subject").asText());
            assertEquals(n[1].equals("0") ? "FAIL" : "PASS", sweeps.get(0).get("status").asText());
        }
        Path out = tmp.resolve("bulletin");
        var b = lantian("bulletin", "--db", url, "--week", "2022-W26", "--out", out.toString(), "--rules", TestPacks.BUNDLED.toString());
        assertEquals(0, b.code(), b.err());
        JsonNode bulletin = Json.MAPPER.readTree(out.resolve("bulletin.json").toFile());
        assertEquals(3, bulletin.get("nights").asInt());
        assertEquals(0, bulletin.get("repeated").size(), "a day failed once is not failing again: " + bulletin.get("repeated"));
    }
}
