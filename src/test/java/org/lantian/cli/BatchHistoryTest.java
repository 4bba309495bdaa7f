package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.store.TestDatabases;

/**
 * {@code lantian batch --as-of D --db URL} over a week of nights (H2 and PostgreSQL): each night is judged
 * with the facts of the week so far from the store and records its own; a re-run night gives the same bytes
 * and leaves the store as it was; {@code --no-history} judges the night alone.
 */
class BatchHistoryTest {
    static final LocalDate MONDAY = LocalDate.of(2022, 6, 27);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** A night's input: one back lane wet-swept that day (a new lane each night), as a bare fact of a submission. */
    Path night(LocalDate day) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in").resolve(day.toString()));
        String road = "BL-" + day.getMonthValue() + day.getDayOfMonth();
        Files.writeString(dir.resolve("night.jsonl"), "{\"type\":\"RoadCleaning\",\"submission\":\"S-" + day + "\",\"road\":\""
                + road + "\",\"roadClass\":\"BACK_LANE\",\"town\":\"南街街道\",\"date\":\"" + day + "\",\"wetSweeps\":1}\n"
                // a bare fact that names no submission: recorded as the night's
                + "{\"type\":\"RoadCleaning\",\"road\":\"X-" + road + "\",\"roadClass\":\"BACK_LANE\",\"date\":\"" + day
                + "\",\"wetSweeps\":1}\n");
        return dir;
    }

    Lantian.Run batch(String url, LocalDate day, String out, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("batch", night(day).toString(), "--as-of", day.toString(),
                "--out", tmp.resolve(out).toString()));
        if (url != null) args.addAll(List.of("--db", url));
        args.addAll(List.of(more));
        Lantian.Run r = Lantian.lantian(args.toArray(String[]::new));
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        return r;
    }

    /**
     * Lane -> the submission its findings name ("-" for none), of the night's lanes (a lane's findings are
     * about its days and its week: "BL-627/2022-06-27", "BL-627/2022-W26"). Tonight's bare fact without a
     * submission has none; on later nights it is the night it was recorded under.
     */
    Map<String, String> roads(String out) throws Exception {
        Map<String, String> roads = new TreeMap<>();
        for (JsonNode f : org.lantian.batch.FindingsFile.readAll(tmp.resolve(out).resolve("findings.jsonl"))) {
            String lane = f.path("subject").asText().split("/")[0];
            if (lane.startsWith("BL-") || lane.startsWith("X-BL-")) roads.put(lane, f.path("submission").asText("-"));
        }
        return roads;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    // Nine (four) batch runs of the CLI: on a loaded 2-core machine more than the default 5 minutes.
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void eachNightIsJudgedWithItsWeekSoFarAndARerunChangesNothing(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        for (int d = 0; d < 7; d++) batch(url, MONDAY.plusDays(d), "night-" + d);

        // Wednesday sees Monday's and Tuesday's lanes with their submissions; Sunday the whole week.
        assertEquals(Map.of("BL-627", "S-2022-06-27", "BL-628", "S-2022-06-28", "BL-629", "S-2022-06-29",
                "X-BL-627", "night:2022-06-27", "X-BL-628", "night:2022-06-28", "X-BL-629", "-"), roads("night-2"));
        assertEquals(new TreeSet<>(List.of("BL-627", "BL-628", "BL-629", "BL-630", "BL-71", "BL-72", "BL-73",
                "X-BL-627", "X-BL-628", "X-BL-629", "X-BL-630", "X-BL-71", "X-BL-72", "X-BL-73")), roads("night-6").keySet());
        Lantian.Run sunday = batch(url, MONDAY.plusDays(6), "sunday-again");
        assertTrue(sunday.err().contains("history: 12 facts loaded, 0 recorded"), sunday.err());

        // The next Monday starts a new week.
        batch(url, MONDAY.plusDays(7), "next-monday");
        assertEquals(Map.of("BL-74", "S-2022-07-04", "X-BL-74", "-"), roads("next-monday"));

        // Thursday again, after the rest of the week was recorded: the same bytes, and the store unchanged.
        List<String> store = rows(url);
        assertEquals(16, store.stream().filter(r -> r.startsWith("history|")).count());
        Lantian.Run again = batch(url, MONDAY.plusDays(3), "thursday-again");
        assertTrue(again.err().contains("history: 6 facts loaded, 0 recorded"), again.err());
        for (String file : List.of("findings.jsonl", "rejects.jsonl", "report.json", "report.html", "report.xlsx")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("night-3").resolve(file)),
                    Files.readAllBytes(tmp.resolve("thursday-again").resolve(file)), file);
        }
        assertEquals(store, rows(url));
        JsonNode report = Json.MAPPER.readTree(tmp.resolve("thursday-again/report.json").toFile());
        assertEquals(6, report.get("history").get("loaded").asLong());

        // Trends: the FAIL share of each night the store holds up to the night, per unit and per measure.
        JsonNode trends = Json.MAPPER.readTree(tmp.resolve("next-monday/report.json").toFile()).get("trends");
        assertEquals(8, trends.get("nights").size());
        assertEquals("2022-06-27", trends.get("nights").get(0).asText());
        JsonNode town = null;
        for (JsonNode l : trends.get("units")) if (l.get("name").asText().equals("南街街道")) town = l;
        assertTrue(town != null && town.get("failShare").size() == 8, trends.toString());
        assertTrue(trends.get("measures").size() > 0);
        assertTrue(Files.readString(tmp.resolve("next-monday/report.html")).contains("<polyline"));

        // Without history: Sunday's own lanes only, and nothing recorded.
        Lantian.Run alone = batch(null, MONDAY.plusDays(6), "sunday-alone", "--no-history");
        assertTrue(alone.err().contains("no history"), alone.err());
        assertEquals(Map.of("BL-73", "S-2022-07-03", "X-BL-73", "-"), roads("sunday-alone"));
        assertTrue(Json.MAPPER.readTree(tmp.resolve("sunday-alone/report.json").toFile()).path("history").isMissingNode());
        assertEquals(store, rows(url));
    }

    /** Every row of the history and scorecard tables, as text. */
    static List<String> rows(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : List.of("history", "history_submissions", "night_scores", "night_failures")) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= n; i++) row.append('|').append(r.getString(i));
                        out.add(row.toString());
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}
