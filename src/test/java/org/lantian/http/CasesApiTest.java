package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;
import org.lantian.store.Waivers;

/**
 * Posts walk a rectification case open -> overdue -> rectified -> closed -> repeat; waivers cover findings until their
 * end or their revocation; a unit sees only its cases (H2 and PostgreSQL).
 */
class CasesApiTest {
    static final String CASES = ApiServer.BASE + "/cases";
    static final String WAIVERS = ApiServer.BASE + "/waivers";

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** Secondary road R-017 of 北街街道 on a day: swept {@code sweeps} times (the target is 3), every other target met. */
    static String road(String id, String day, int sweeps) {
        return "{\"submission\":\"" + id + "\",\"inspector\":\"INS-07\",\"facts\":[{\"type\":\"RoadCleaning\",\"road\":\"R-017\","
                + "\"roadName\":\"泽州路\",\"roadClass\":\"SECONDARY\",\"zone\":\"URBAN\",\"town\":\"北街街道\",\"date\":\"" + day + "\","
                + "\"areaM2\":86000,\"mechanizedAreaM2\":83980,\"sweeps\":" + sweeps + ",\"upkeepShifts\":2,\"washes\":1}]}";
    }

    static JsonNode post(Api api, String token, String id, String day, int sweeps) throws Exception {
        Api.Reply r = api.post(ApiServer.BASE + "/submissions?asOf=" + day, token, road(id, day, sweeps));
        assertTrue(r.status() == 201 || r.status() == 200, r.body());
        return r.json();
    }

    /** The report's 13-daily-sweeps finding of its as-of day (a post also judges the week's earlier days again). */
    static JsonNode sweeps(JsonNode report) {
        String subject = "R-017/" + report.get("asOf").asText();
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals("13-daily-sweeps") && f.get("subject").asText().equals(subject)) return f;
        }
        throw new AssertionError("no 13-daily-sweeps finding: " + report);
    }

    static JsonNode theCase(Api api, String token) throws Exception {
        Api.Reply r = api.get(CASES + "?rule=13-daily-sweeps&subject=R-017", token);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("cases").size(), r.body());
        return r.json().get("cases").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void postsWalkACaseAndOnlyItsUnitsSeeIt(String kind) throws Exception {
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            String inspector = api.token(Role.INSPECTOR, "INS-07");
            String admin = api.token(Role.ADMIN, null);
            String unit = api.token(Role.UNIT, "北街街道");
            String other = api.token(Role.UNIT, "南村镇");

            post(api, inspector, "S-1", "2022-06-27", 2);
            JsonNode k = theCase(api, admin);
            long id = k.get("id").asLong();
            assertEquals("OPEN", k.get("status").asText());
            assertEquals(13, k.get("measure").asInt());
            assertEquals("2022-06-27", k.get("openedOn").asText());
            assertEquals("2022-06-28", k.get("dueOn").asText()); // measure 13: 1 day (ledger.yaml rectification)
            assertEquals("[\"北街街道\",\"区市容环卫中心\"]", k.get("units").toString());
            assertEquals(0, k.get("repeats").asInt());
            assertTrue(k.has("waiver") && k.get("waiver").isNull());

            post(api, inspector, "S-2", "2022-06-29", 2);
            assertEquals("OVERDUE", theCase(api, admin).get("status").asText());
            Api.Reply overdue = api.get(CASES + "?status=OVERDUE", unit);
            assertEquals(1, overdue.json().get("cases").size());

            // Who may see it: its units, inspectors and admins; anyone else gets 404, as for no case at all.
            assertEquals(200, api.get(CASES + "/" + id, unit).status());
            assertEquals(200, api.get(CASES + "/" + id, inspector).status());
            assertEquals(404, api.get(CASES + "/" + id, other).status());
            assertEquals(0, api.get(CASES, other).json().get("cases").size());
            assertEquals(403, api.get(CASES + "?unit=北街街道", other).status());
            assertEquals(404, api.get(CASES + "/" + (id + 1000), admin).status());
            assertEquals(404, api.get(CASES + "/not-a-number", admin).status());
            assertEquals(400, api.get(CASES + "?status=SHUT", admin).status());
            assertEquals(409, api.post(CASES + "/" + id + "/verify", inspector, "{\"result\":\"CLOSED\"}").status()); // not RECTIFIED

            post(api, inspector, "S-3", "2022-06-30", 3);
            assertEquals("RECTIFIED", theCase(api, admin).get("status").asText());
            assertEquals(403, api.post(CASES + "/" + id + "/verify", unit, "{\"result\":\"CLOSED\"}").status());
            assertEquals(400, api.post(CASES + "/" + id + "/verify", inspector, "{\"result\":\"DONE\"}").status());
            assertEquals(400, api.post(CASES + "/" + id + "/verify", inspector, "{\"result\":\"CLOSED\",\"x\":1}").status());
            assertEquals(400, api.post(CASES + "/" + id + "/verify", inspector, "[1]").status());
            Api.Reply closed = api.post(CASES + "/" + id + "/verify", inspector, "{\"result\":\"CLOSED\",\"note\":\"现场核查已整改\"}");
            assertEquals(200, closed.status(), closed.body());
            assertEquals("CLOSED", closed.json().get("status").asText());
            assertEquals(409, api.post(CASES + "/" + id + "/verify", inspector, "{\"result\":\"CLOSED\"}").status());

            post(api, inspector, "S-4", "2022-07-05", 2); // within 90 days of closing: a repeat
            JsonNode repeat = theCase(api, admin);
            assertEquals(id, repeat.get("id").asLong());
            assertEquals("OPEN", repeat.get("status").asText());
            assertEquals(1, repeat.get("repeats").asInt());
            assertEquals("2022-07-06", repeat.get("dueOn").asText());
            post(api, inspector, "S-4", "2022-07-05", 2); // the same post again: nothing moves

            JsonNode events = api.get(CASES + "/" + id, unit).json().get("events");
            List<String> path = new ArrayList<>();
            for (JsonNode e : events) path.add(e.get("from").asText() + ">" + e.get("to").asText() + "@" + e.get("submission").asText());
            assertEquals(List.of("null>OPEN@S-1", "OPEN>OVERDUE@S-2", "OVERDUE>RECTIFIED@S-3", "RECTIFIED>CLOSED@null", "CLOSED>OPEN@S-4"), path);
            assertTrue(events.get(0).get("by").asText().endsWith("(INSPECTOR)"), events.toString());
            assertEquals("现场核查已整改", events.get(3).get("note").asText());
            assertTrue(events.get(0).get("at").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*"), events.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void waiversCoverFindingsUntilTheirEndOrRevocation(String kind) throws Exception {
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            String inspector = api.token(Role.INSPECTOR, "INS-07");
            String admin = api.token(Role.ADMIN, null);
            post(api, inspector, "S-1", "2022-07-01", 2); // opens the case, due 07-02

            String grant = "{\"rule\":\"13-daily-sweeps\",\"subject\":\"R-017\",\"from\":\"2022-07-03\",\"to\":\"2022-07-05\","
                    + "\"reason\":\"道路施工封闭\",\"approver\":\"区大气办\",\"document\":\"城大气办〔2022〕12号\"}";
            assertEquals(403, api.post(WAIVERS, inspector, grant).status());
            assertEquals(400, api.post(WAIVERS, admin, grant.replace("\"rule\":\"13-daily-sweeps\",", "\"rule\":\"13-x\",\"measure\":13,")).status());
            assertEquals(400, api.post(WAIVERS, admin, grant.replace("13-daily-sweeps", "13-no-such-rule")).status());
            assertEquals(400, api.post(WAIVERS, admin, grant.replace("2022-07-05", "2022-07-02")).status());
            assertEquals(400, api.post(WAIVERS, admin, grant.replace("\"reason\":\"道路施工封闭\",", "")).status());
            Api.Reply granted = api.post(WAIVERS, admin, grant);
            assertEquals(201, granted.status(), granted.body());
            String waiver = granted.json().get("id").asText();
            assertEquals(WAIVERS + "/" + waiver, granted.response().headers().firstValue("Location").orElseThrow());

            JsonNode waived = sweeps(post(api, inspector, "S-2", "2022-07-04", 2));
            assertEquals("WAIVED", waived.get("status").asText());
            assertEquals(waiver, waived.get("waiver").asText());
            JsonNode k = theCase(api, admin);
            assertEquals("OPEN", k.get("status").asText()); // past its due day, but a waived finding does not make it OVERDUE
            assertEquals(waiver, k.get("waiver").asText());
            // A waived finding is counted apart, never as PASS.
            Api.Reply stored = api.get(ApiServer.BASE + "/findings?status=WAIVED", admin);
            assertEquals(1, stored.json().get("findings").size(), stored.body());

            JsonNode after = sweeps(post(api, inspector, "S-3", "2022-07-06", 2)); // after `to`: judged again
            assertEquals("FAIL", after.get("status").asText());
            assertTrue(after.get("waiver") == null);
            assertEquals("OVERDUE", theCase(api, admin).get("status").asText());
            assertTrue(theCase(api, admin).get("waiver").isNull());

            // A whole measure for every subject of a town, then revoked.
            String town = "{\"measure\":13,\"town\":\"北街街道\",\"from\":\"2022-07-11\",\"to\":\"2022-07-31\","
                    + "\"reason\":\"汛期\",\"approver\":\"区政府\",\"document\":\"城政办〔2022〕3号\"}";
            String townWaiver = api.post(WAIVERS, admin, town).json().get("id").asText();
            JsonNode report = post(api, inspector, "S-4", "2022-07-11", 2); // a Monday: no earlier day of the week
            assertEquals(4, report.get("summary").get("WAIVED").asInt(), report.toString());
            assertTrue(report.get("summary").get("PASS") == null, report.toString());
            assertEquals(200, api.send("DELETE", WAIVERS + "/" + townWaiver, admin, java.net.http.HttpRequest.BodyPublishers.noBody()).status());
            assertEquals(409, api.send("DELETE", WAIVERS + "/" + townWaiver, admin, java.net.http.HttpRequest.BodyPublishers.noBody()).status());
            assertEquals(404, api.send("DELETE", WAIVERS + "/W-none", admin, java.net.http.HttpRequest.BodyPublishers.noBody()).status());
            JsonNode revoked = post(api, inspector, "S-5", "2022-07-12", 2);
            assertEquals("FAIL", sweeps(revoked).get("status").asText());
            assertTrue(revoked.get("summary").get("WAIVED") == null, revoked.toString()); // 07-11 judged again: not waived now

            JsonNode all = api.get(WAIVERS, inspector).json().get("waivers");
            assertEquals(2, all.size());
            assertTrue(all.get(1).get("revokedAt").isTextual());
            List<Waivers.Event> audit = api.store.waivers().events(townWaiver);
            assertEquals(List.of("GRANTED", "REVOKED"), audit.stream().map(Waivers.Event::action).toList());
        }
    }
}
