package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.cli.Lantian;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/**
 * {@code lantian serve} judges a post with its store's history and records the post's facts; the same
 * submissions posted or batched give the same history; {@code check --db} reads a store's history (H2 and
 * PostgreSQL).
 */
class PostedHistoryTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** A submission of two back lanes swept on a day, one of them lane BL-9, which is in every submission. */
    static String submission(String id, String day, String other) {
        return "{\"submission\":\"" + id + "\",\"inspector\":\"INS-07\",\"facts\":["
                + lane("BL-9", day) + "," + lane(other, day) + "]}";
    }

    static String lane(String road, String day) {
        return "{\"type\":\"RoadCleaning\",\"road\":\"" + road + "\",\"roadClass\":\"BACK_LANE\",\"town\":\"南街街道\","
                + "\"date\":\"" + day + "\",\"wetSweeps\":1}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    // Nine (four) batch runs of the CLI: on a loaded 2-core machine more than the default 5 minutes.
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aPostIsJudgedWithItsHistoryAndPostedOrBatchedFactsGiveTheSameHistory(String kind) throws Exception {
        String posted = TestDatabases.fresh(kind, tmp);
        // Monday's report flushes BL-9: Wednesday's week of BL-9 counts it.
        String monday = submission("S-MON", "2022-06-27", "BL-1").replaceFirst("\"wetSweeps\":1}", "\"wetSweeps\":1,\"flushes\":1}");
        String wednesday = submission("S-WED", "2022-06-29", "BL-3");
        JsonNode withHistory;
        try (Api api = new Api(posted)) {
            String token = api.token(Role.INSPECTOR, "INS-07");
            assertEquals(201, api.post("/api/v1/submissions?asOf=2022-06-27", token, monday).status());
            Api.Reply wed = api.post("/api/v1/submissions?asOf=2022-06-29", token, wednesday);
            assertEquals(201, wed.status(), wed.body());
            withHistory = wed.json().get("findings");
            // A re-post is answered from the store and records nothing again.
            assertEquals(200, api.post("/api/v1/submissions?asOf=2022-06-29", token, wednesday).status());
        }
        JsonNode alone;
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            alone = api.post("/api/v1/submissions?asOf=2022-06-29", api.token(Role.INSPECTOR, "INS-07"), wednesday).json().get("findings");
        }
        assertNotEquals(alone, withHistory, "Monday's flush of BL-9 counts in Wednesday's week");
        assertEquals("PASS", finding(withHistory, "13-back-lane-weekly-flush", "BL-9/2022-W26").get("status").asText(), withHistory.toString());
        assertEquals("NO_DATA", finding(alone, "13-back-lane-weekly-flush", "BL-9/2022-W26").get("status").asText(), alone.toString());
        // Monday's day was judged by Monday's post: not again by Wednesday's (docs/findings.md, "Judged once").
        for (JsonNode f : withHistory) {
            assertFalse(f.get("period").get("to").asText().compareTo("2022-06-29") < 0, "a day judged again: " + f);
        }
        assertTrue(withHistory.toString().contains("BL-3") && !withHistory.toString().contains("BL-1"),
                "only the history of the post's own subjects: " + withHistory);

        // check --db judges the same way (its own id is not history), and records nothing.
        Path file = Files.writeString(tmp.resolve("wed.json"), wednesday);
        List<String> before = rows(posted);
        Lantian.Run check = Lantian.lantian("check", file.toString(), "--as-of", "2022-06-29", "--format", "json", "--db", posted);
        assertTrue(check.code() < 2, check.err());
        assertEquals(withHistory, org.lantian.Json.MAPPER.readTree(check.out()).get("findings"));
        assertEquals(before, rows(posted));

        // The same two submissions as two nightly batches: the same history.
        String batched = TestDatabases.fresh(kind, tmp);
        for (String[] night : List.of(new String[] {"2022-06-27", monday}, new String[] {"2022-06-29", wednesday})) {
            Path in = Files.writeString(Files.createDirectories(tmp.resolve("in-" + night[0])).resolve("s.json"), night[1]);
            Lantian.Run b = Lantian.lantian("batch", in.toString(), "--as-of", night[0], "--db", batched,
                    "--out", tmp.resolve("out-" + night[0]).toString());
            assertTrue(b.code() < 2, b.err());
        }
        assertEquals(rows(posted), rows(batched));
        assertEquals(6, rows(posted).size());

        // The same report sent again under another id counts once: judged as the first was.
        try (Api api = new Api(posted)) {
            Api.Reply again = api.post("/api/v1/submissions?asOf=2022-06-29", api.token(Role.INSPECTOR, "INS-07"),
                    wednesday.replace("S-WED", "S-WED-AGAIN"));
            assertEquals(201, again.status(), again.body());
            assertEquals(withHistory, again.json().get("findings"));
        }
    }

    static JsonNode finding(JsonNode findings, String rule, String subject) {
        for (JsonNode f : findings) if (f.get("rule").asText().equals(rule) && f.get("subject").asText().equals(subject)) return f;
        throw new AssertionError("no finding of " + rule + " about " + subject + " in " + findings);
    }

    /** The history tables' rows but each fact's place in its submission, sorted. */
    static List<String> rows(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT submission, fact_day, recorded_on, fact_type, subject, partition_key, fact FROM history")) {
                while (r.next()) {
                    StringBuilder row = new StringBuilder("history");
                    for (int i = 1; i <= 7; i++) row.append('|').append(r.getString(i));
                    out.add(row.toString());
                }
            }
            try (ResultSet r = s.executeQuery("SELECT submission, recorded_on, facts FROM history_submissions")) {
                while (r.next()) out.add("submission|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3));
            }
        }
        out.sort(null);
        return out;
    }
}
