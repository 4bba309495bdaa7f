package org.lantian.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.lantian.batch.FindingsFile;
import org.lantian.batch.PeriodEndHistoryTest;
import org.lantian.store.TestDatabases;

/**
 * {@code lantian impact} on a store's history (H2 and PostgreSQL): a pack that lowers measure 5's clean-transport
 * share from 80 % to 60 % changes exactly the cement plant's share finding, with its last judgement in the range; an
 * identical copy of the pack changes nothing.
 */
class ImpactTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    JsonNode impact(String url, Path pack, String from, String to, int exit, String json) throws Exception {
        var run = lantian("impact", "--rules", pack.toString(), "--current", TestPacks.BUNDLED.toString(), "--db", url,
                "--from", from, "--to", to, "--json", tmp.resolve(json).toString());
        assertEquals(exit, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("judging "), run.err());
        return Json.MAPPER.readTree(tmp.resolve(json).toFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aChangedTargetChangesExactlyTheFindingsThatReadItAndAnIdenticalPackNone(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        PeriodEndHistoryTest.runNights(tmp, url);

        Path same = TestPacks.copyOfBundled(tmp.resolve("same"));
        JsonNode none = impact(url, same, "2022-01-01", "2023-12-31", 0, "same.json");
        assertEquals(5, none.get("days").size(), none.toString());
        assertEquals(0, none.get("changed").asInt());
        assertTrue(none.get("findings").get("current").asInt() > 0);
        assertEquals(none.get("findings").get("current"), none.get("findings").get("proposed"));

        Path lower = TestPacks.copyOfBundled(tmp.resolve("lower"));
        Path ledger = lower.resolve("ledger.yaml");
        String yaml = Files.readString(ledger);
        String edited = yaml.replace("cleanTransportShare: { value: 0.8,", "cleanTransportShare: { value: 0.6,");
        assertTrue(!edited.equals(yaml), "the pack's target was found");
        Files.writeString(ledger, edited);

        // Over the whole history: 800 of 1,300 t (61.5 %) as judged last, in January 2023: FAIL now, PASS at 60 %.
        JsonNode all = impact(url, lower, "2022-01-01", "2023-12-31", 1, "lower.json");
        assertEquals(1, all.get("changed").asInt(), all.toString());
        JsonNode c = all.get("changes").get(0);
        assertEquals(5, c.get("measure").asInt());
        assertEquals("5-clean-transport-share", c.get("rule").asText());
        assertEquals("E-001", c.get("subject").asText());
        assertEquals("FAIL", c.get("from").asText());
        assertEquals("PASS", c.get("to").asText());
        assertEquals("2022-01-01", c.get("period").get("from").asText());
        assertEquals("2022-12-31", c.get("period").get("to").asText());
        assertEquals("2023-01-10", c.get("day").asText());
        assertEquals(0.8, c.get("targetFrom").asDouble(), 1e-9);
        assertEquals(0.6, c.get("targetTo").asDouble(), 1e-9);
        assertEquals(1, all.get("byMeasure").get("5").asInt());
        assertEquals(1, all.get("byUnit").get("区生态环境分局").asInt());
        assertEquals(1, all.get("byUnit").size());
        assertEquals(1, all.get("byTransition").get("FAIL -> PASS").asInt());

        // Up to the end of June: the share as judged on 2022-06-30 (800 of 1,200) was PENDING and would pass.
        JsonNode june = impact(url, lower, "2022-03-01", "2022-06-30", 1, "june.json");
        assertEquals(3, june.get("days").size());
        assertEquals(1, june.get("changed").asInt(), june.toString());
        assertEquals("PENDING", june.get("changes").get(0).get("from").asText());
        assertEquals("PASS", june.get("changes").get(0).get("to").asText());

        // The terminal table names the change and the counts.
        var table = lantian("impact", "--rules", lower.toString(), "--current", TestPacks.BUNDLED.toString(), "--db", url,
                "--from", "2022-12-31", "--to", "2022-12-31");
        assertEquals(1, table.code(), table.err());
        assertTrue(table.out().contains("5-clean-transport-share") && table.out().contains("FAIL -> PASS")
                && table.out().contains("区生态环境分局"), table.out());

        var backwards = lantian("impact", "--rules", lower.toString(), "--db", url, "--from", "2022-12-31", "--to", "2022-01-01");
        assertEquals(2, backwards.code());
        assertTrue(backwards.err().contains("before --from"), backwards.err());
    }

    /**
     * A day is judged as the batch judged that night: inside a quarter only the subjects the night brings (or the
     * registers list) are judged for the running quarter, on its last night every subject that reported in it. So the
     * findings impact judges on each day are as many as the night's own findings.jsonl holds (register findings aside).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aDayIsJudgedWithTheHistoryTheBatchLoadedForItsNight(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        // A back lane's days of one week too: the later nights load the earlier days for the week, and judge them not again.
        List<List<String>> nights = List.of(List.of("2022-04-15", PeriodEndHistoryTest.cleaning("2022-04-15", "CY-9001")),
                List.of("2022-05-20", PeriodEndHistoryTest.cleaning("2022-05-20", "CY-9003")),
                List.of("2022-06-27", lane("2022-06-27")), List.of("2022-06-29", lane("2022-06-29")), List.of("2022-06-30"));
        for (List<String> n : nights) {
            var run = lantian("batch", PeriodEndHistoryTest.night(tmp, n).toString(), "--as-of", n.get(0), "--db", url, "--out",
                    tmp.resolve("out").resolve(n.get(0)).toString(), "--rules", TestPacks.BUNDLED.toString());
            assertTrue(run.code() == 0 || run.code() == 1, run.err());
        }
        Path same = TestPacks.copyOfBundled(tmp.resolve("same"));
        for (List<String> n : nights) {
            String day = n.get(0);
            List<ObjectNode> night = FindingsFile.readAll(tmp.resolve("out").resolve(day).resolve("findings.jsonl")).stream()
                    .filter(f -> !f.get("rule").asText().contains("-register-")).toList();
            JsonNode judged = impact(url, same, day, day, 0, day + ".json");
            assertEquals(night.size(), judged.get("findings").get("current").asInt(), day + ": " + night);
        }
        // 2022-05-20 brought CY-9003 only: CY-9001's cleaning of 2022-04-15 waits for the quarter's end to be judged.
        assertEquals(0, count(tmp.resolve("out").resolve("2022-05-20"), "34-quarterly-cleaning", "CY-9001/2022-Q2"));
        assertEquals(1, count(tmp.resolve("out").resolve("2022-06-30"), "34-quarterly-cleaning", "CY-9001/2022-Q2"));
    }

    private static String lane(String day) {
        return "{\"type\":\"RoadCleaning\",\"submission\":\"" + day + "-R\",\"road\":\"BL-9\",\"roadClass\":\"BACK_LANE\","
                + "\"town\":\"南街街道\",\"date\":\"" + day + "\",\"wetSweeps\":1,\"flushes\":0}";
    }

    private static long count(Path out, String rule, String subject) throws Exception {
        return FindingsFile.readAll(out.resolve("findings.jsonl")).stream()
                .filter(f -> f.get("rule").asText().equals(rule) && f.get("subject").asText().equals(subject)).count();
    }
}
