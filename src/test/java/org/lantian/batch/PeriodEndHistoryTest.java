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
 * Targets whose period is longer than a night, judged night by night from the store (H2 and PostgreSQL): the cement
 * plant's clean-transport share adds up its transport records of 2022 sent on different nights (measure 5, and 6 per
 * enterprise and year); a quarter's last night judges the purifier cleanings of every restaurant that reported one
 * in the quarter although it sent nothing that night (34), and only over that quarter (its earlier quarters were
 * judged on their own last nights); 2022 Q4 is judged in January 2023, on a cleaning of it reported late; a filing
 * made after its deadline FAILs, with the parts filed on earlier nights counted.
 */
public class PeriodEndHistoryTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static final String CEMENT = "{\"type\":\"Enterprise\",\"submission\":\"%s-E\",\"id\":\"E-001\",\"name\":\"晋城市钻石水泥有限公司\","
            + "\"town\":\"北石店镇\",\"industry\":\"CEMENT_CLINKER\",\"status\":\"OPERATING\"}";

    static String transport(String day, String mode, int tonnes) {
        return "{\"type\":\"TransportRecord\",\"submission\":\"" + day + "-T\",\"enterprise\":\"E-001\",\"year\":2022,\"cargo\":\"CLINKER\","
                + "\"distanceKm\":20,\"mode\":\"" + mode + "\",\"tonnes\":" + tonnes + ",\"date\":\"" + day + "\"}";
    }

    public static String cleaning(String day, String restaurant) {
        return "{\"type\":\"PurifierCleaning\",\"submission\":\"" + day + "-C-" + restaurant + "\",\"restaurant\":\"" + restaurant
                + "\",\"date\":\"" + day + "\",\"town\":\"南街街道\"}";
    }

    static String filing(String day, String part) {
        return "{\"type\":\"UltraLowFiling\",\"submission\":\"" + day + "-F\",\"enterprise\":\"E-001\",\"part\":\"" + part
                + "\",\"filedOn\":\"" + day + "\"}";
    }

    /** The nights: what each sends (the cement plant's register entry every night). */
    static final List<List<String>> NIGHTS = List.of(
            List.of("2022-03-10", transport("2022-03-10", "RAIL", 800), cleaning("2022-03-10", "CY-9002"), filing("2022-03-10", "STACK")),
            List.of("2022-04-15", transport("2022-04-15", "ROAD_TRUCK", 400), cleaning("2022-04-15", "CY-9001"),
                    filing("2022-04-15", "FUGITIVE")),
            List.of("2022-06-30"),
            List.of("2022-12-31", transport("2022-12-31", "ROAD_TRUCK", 100)),
            List.of("2023-01-10", filing("2023-01-05", "CLEAN_TRANSPORT"), cleaning("2022-12-20", "CY-9002")));

    public static Path night(Path tmp, List<String> night) throws Exception {
        String day = night.get(0);
        Path dir = Files.createDirectories(tmp.resolve("in").resolve(day));
        StringBuilder lines = new StringBuilder(CEMENT.formatted(day)).append('\n');
        for (String line : night.subList(1, night.size())) lines.append(line).append('\n');
        Files.writeString(dir.resolve("night.jsonl"), lines);
        return dir;
    }

    /** Runs the nights into the store at {@code url}; returns the folder of each night's output (by day). */
    public static void runNights(Path tmp, String url) throws Exception {
        for (List<String> n : NIGHTS) {
            var run = lantian("batch", night(tmp, n).toString(), "--as-of", n.get(0), "--db", url, "--out",
                    tmp.resolve("out").resolve(n.get(0)).toString(), "--rules", TestPacks.BUNDLED.toString());
            assertTrue(run.code() == 0 || run.code() == 1, run.err());
        }
    }

    static JsonNode finding(Path out, String rule, String subject) throws Exception {
        List<JsonNode> found = BatchRunTest.findings(out, rule, subject);
        assertEquals(1, found.size(), rule + " " + subject + ": " + found);
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void periodsLongerThanANightAreJudgedFromTheStoreOnTheNightTheyEnd(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        runNights(tmp, url);
        Path out = tmp.resolve("out");

        // Measure 5: 800 t by rail of 1,200 t so far, from two nights' records: below 80 % while 2022 runs.
        JsonNode share = finding(out.resolve("2022-06-30"), "5-clean-transport-share", "E-001");
        assertEquals("PENDING", share.get("status").asText());
        assertEquals(800.0 / 1200, share.get("observed").asDouble(), 1e-4);
        // Measure 6 sums the enterprise's short hauls of 2022 the same way (rail counts as clean): 800 of 1,200 > half.
        JsonNode shortHauls = finding(out.resolve("2022-06-30"), "6-short-distance-clean-share", "E-001/2022");
        assertEquals("PASS", shortHauls.get("status").asText());
        assertEquals(800.0 / 1200, shortHauls.get("observed").asDouble(), 1e-4);

        // Measure 34 on Q2's last night, which brought no restaurant at all: both restaurants that reported are judged.
        assertEquals("PASS", finding(out.resolve("2022-06-30"), "34-quarterly-cleaning", "CY-9001/2022-Q2").get("status").asText());
        assertEquals("FAIL", finding(out.resolve("2022-06-30"), "34-quarterly-cleaning", "CY-9002/2022-Q2").get("status").asText(),
                "cleaned in Q1 only: Q2 has ended");
        assertEquals("PASS", finding(out.resolve("2022-03-10"), "34-quarterly-cleaning", "CY-9002/2022-Q1").get("status").asText());
        assertTrue(BatchRunTest.findings(out.resolve("2022-06-30"), "34-quarterly-cleaning", "CY-9002/2022-Q1").isEmpty(),
                "Q1 was judged on the night its cleaning came: not again on Q2's last night");
        assertTrue(BatchRunTest.findings(out.resolve("2022-06-30"), "34-quarterly-cleaning", "CY-9001/2022-Q1").isEmpty(),
                "known by its cleanings alone, judged from the quarter of the first");

        // 2022's last night: the share is final, and two of three filings made on earlier nights FAIL.
        JsonNode yearEnd = finding(out.resolve("2022-12-31"), "5-clean-transport-share", "E-001");
        assertEquals("FAIL", yearEnd.get("status").asText());
        assertEquals(800.0 / 1300, yearEnd.get("observed").asDouble(), 1e-4);
        JsonNode filed = finding(out.resolve("2022-12-31"), "5-ultra-low-filings", "E-001");
        assertEquals("FAIL", filed.get("status").asText());
        assertEquals(2, filed.get("observed").asInt());

        // 2022's last night also ends Q4: neither restaurant cleaned in it.
        assertEquals("FAIL", finding(out.resolve("2022-12-31"), "34-quarterly-cleaning", "CY-9001/2022-Q4").get("status").asText());
        assertEquals("FAIL", finding(out.resolve("2022-12-31"), "34-quarterly-cleaning", "CY-9002/2022-Q4").get("status").asText());

        // January 2023: 2022 Q4 is judged again for the restaurant whose Q4 cleaning is reported late (done in time: PASS),
        // not for the one that sent nothing; 2022's share still on 2022's records, and the clean-transport filing made
        // after 2022-12-31 is late, not done.
        Path january = out.resolve("2023-01-10");
        assertEquals("PASS", finding(january, "34-quarterly-cleaning", "CY-9002/2022-Q4").get("status").asText());
        assertEquals("PENDING", finding(january, "34-quarterly-cleaning", "CY-9002/2023-Q1").get("status").asText());
        assertTrue(BatchRunTest.findings(january, "34-quarterly-cleaning", "CY-9001/2022-Q4").isEmpty(),
                "judged on Q4's last night, and nothing of it came since");
        JsonNode late = finding(january, "5-ultra-low-filings", "E-001");
        assertEquals("FAIL", late.get("status").asText());
        assertEquals(2, late.get("observed").asInt());
        assertTrue(late.get("message").get("en").asText().contains("CLEAN_TRANSPORT (late)"), late.toString());
        JsonNode stillOf2022 = finding(january, "5-clean-transport-share", "E-001");
        assertEquals("FAIL", stillOf2022.get("status").asText());
        assertEquals(800.0 / 1300, stillOf2022.get("observed").asDouble(), 1e-4);
        assertEquals("2022-12-31", stillOf2022.get("period").get("to").asText());

        // Without history the quarter's last night knows nothing of the restaurants, and the share nothing of earlier records.
        var alone = lantian("batch", tmp.resolve("in/2022-06-30").toString(), "--as-of", "2022-06-30", "--no-history", "--out",
                tmp.resolve("alone").toString(), "--rules", TestPacks.BUNDLED.toString());
        assertTrue(alone.code() == 0 || alone.code() == 1, alone.err());
        assertTrue(BatchRunTest.findings(tmp.resolve("alone"), "34-quarterly-cleaning", "CY-9001/2022-Q2").isEmpty());
        assertEquals("NO_DATA", finding(tmp.resolve("alone"), "5-clean-transport-share", "E-001").get("status").asText());
    }
}
