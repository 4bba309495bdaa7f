package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.cli.Lantian;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/** The HTTP API end to end on H2 and on PostgreSQL: contract, idempotency, who may do what, limits, errors. */
class ApiTest {
    static final String ROADS = "samples/inspections/road-cleaning.json";
    static final String SUBMISSIONS = ApiServer.BASE + "/submissions";

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static String roads() throws IOException {
        return Files.readString(Path.of(ROADS));
    }

    /** The findings the bundled pack gives the road sample, as check --format json prints them. */
    static JsonNode roadFindings() throws IOException {
        return Json.MAPPER.readTree(cli("check", ROADS, "--as-of", "2022-06-30", "--format", "json")).get("findings");
    }

    static long ofUnit(JsonNode findings, String unit) {
        long n = 0;
        for (JsonNode f : findings) if (f.get("units").toString().contains("\"" + unit + "\"")) n++;
        return n;
    }

    static String cli(String... args) {
        Lantian.Run r = Lantian.lantian(args);
        return r.out() + r.err();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void postAnswersTheCheckDocumentOnceAndRepostsByContent(String kind) throws Exception {
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            String inspector = api.token(Role.INSPECTOR, "INS-07");
            Api.Reply created = api.post(SUBMISSIONS, inspector, roads());
            assertEquals(201, created.status(), created.body());
            assertEquals(SUBMISSIONS + "/S-20220630-0001", created.response().headers().firstValue("Location").orElseThrow());
            // The same document as check --format json (as of submittedAt's day).
            JsonNode cli = Json.MAPPER.readTree(cli("check", ROADS, "--as-of", "2022-06-30", "--format", "json"));
            assertEquals(cli, created.json());

            Api.Reply again = api.post(SUBMISSIONS, inspector, roads());
            assertEquals(200, again.status(), again.body());
            assertEquals(cli, again.json());

            ObjectNode changed = (ObjectNode) Json.MAPPER.readTree(roads());
            ((ObjectNode) changed.get("facts").get(0)).put("sweeps", 1);
            Api.Reply conflict = api.post(SUBMISSIONS, inspector, changed.toString());
            assertEquals(409, conflict.status(), conflict.body());
            assertTrue(conflict.json().get("error").asText().contains("S-20220630-0001"));

            Api.Reply stored = api.get(SUBMISSIONS + "/S-20220630-0001", inspector);
            assertEquals(200, stored.status(), stored.body());
            assertEquals(cli, stored.json().get("report"));
            assertEquals(Json.MAPPER.readTree(roads()), stored.json().get("document"));
            assertEquals("2022-06-30", stored.json().get("asOf").asText());
            assertEquals(404, api.get(SUBMISSIONS + "/S-none", inspector).status());

            // ?asOf= evaluates at another date.
            ObjectNode other = (ObjectNode) Json.MAPPER.readTree(roads());
            other.put("submission", "S-asof");
            Api.Reply later = api.post(SUBMISSIONS + "?asOf=2023-01-15", inspector, other.toString());
            assertEquals("2023-01-15", later.json().get("asOf").asText());
            assertEquals(400, api.post(SUBMISSIONS + "?asOf=someday", inspector, other.put("submission", "S-x").toString()).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void concurrentPostsOfOneIdStoreItOnce(String kind) throws Exception {
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            String token = api.token(Role.INSPECTOR, "INS-07");
            String body = roads();
            int n = 12;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return api.post(SUBMISSIONS, token, body).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : replies) statuses.add(f.get());
            pool.shutdown();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(n - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            List<String> ids = new ArrayList<>();
            api.store.submissions().forEachPostedOn(java.time.LocalDate.now(TestPacks.bundled().ledger().zone()), s -> ids.add(s.id()));
            assertEquals(List.of("S-20220630-0001"), ids);
            JsonNode page = api.get(ApiServer.BASE + "/findings?limit=1000", api.token(Role.ADMIN, null)).json();
            assertEquals(roadFindings().size(), page.get("findings").size());
        }
    }

    @Test
    void invalidSubmissionsAre400WithTheProblemsTheCliLists() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String token = api.token(Role.INSPECTOR, "INS-07");
            String bad = "{\"submission\":\"S-bad\",\"inspector\":\"INS-07\",\"facts\":["
                    + "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"roadClass\":\"MAIN\",\"zone\":\"CORE\",\"date\":\"2022-06-30\",\"areaM2\":-5},"
                    + "{\"type\":\"Boat\"}]}";
            Path file = tmp.resolve("bad.json");
            Files.writeString(file, bad);
            List<String> cliLines = cli("check", file.toString()).lines().filter(l -> l.startsWith("  ")).map(String::strip).toList();
            Api.Reply r = api.post(SUBMISSIONS, token, bad);
            assertEquals(400, r.status(), r.body());
            List<String> apiLines = new ArrayList<>();
            r.json().get("problems").forEach(p -> apiLines.add(p.get("text").asText()));
            assertEquals(cliLines, apiLines);
            assertEquals(2, apiLines.size());
            assertEquals("/facts/0/areaM2", r.json().get("problems").get(0).get("pointer").asText());

            Api.Reply notJson = api.post(SUBMISSIONS, token, "{\"submission\": ");
            assertEquals(400, notJson.status());
            assertTrue(notJson.json().get("problems").get(0).get("expected").asText().contains("valid JSON"));
            assertEquals(400, api.post(SUBMISSIONS, token, "").status());
            assertEquals(400, api.post(SUBMISSIONS, token, "[1, 2]").status());
            String longId = "{\"submission\":\"" + "x".repeat(201) + "\",\"inspector\":\"INS-07\",\"facts\":"
                    + Json.MAPPER.readTree(roads()).get("facts") + "}";
            assertEquals(400, api.post(SUBMISSIONS, token, longId).status());
        }
    }

    @Test
    void tokensDecideWhoMayDoWhat() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String ins07 = api.token(Role.INSPECTOR, "INS-07");
            String ins08 = api.token(Role.INSPECTOR, "INS-08");
            String north = api.token(Role.UNIT, "北街街道");
            String admin = api.token(Role.ADMIN, null);

            Api.Reply none = api.post(SUBMISSIONS, null, roads());
            assertEquals(401, none.status());
            assertEquals("Bearer", none.response().headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals(401, api.post(SUBMISSIONS, "lt_forged", roads()).status());
            assertEquals(401, api.get(ApiServer.BASE + "/ledger", null).status());
            assertEquals(401, api.send("GET", ApiServer.BASE + "/ledger", null, HttpRequest.BodyPublishers.noBody()).status());
            assertEquals(200, api.get(ApiServer.BASE + "/health", null).status());
            assertEquals(200, api.get(ApiServer.BASE + "/openapi.json", null).status());

            assertEquals(403, api.post(SUBMISSIONS, ins08, roads()).status(), "INS-08 posting INS-07's submission");
            assertEquals(403, api.post(SUBMISSIONS, north, roads()).status(), "a unit posting");
            assertEquals(201, api.post(SUBMISSIONS, ins07, roads()).status());
            ObjectNode byAdmin = (ObjectNode) Json.MAPPER.readTree(roads());
            byAdmin.put("submission", "S-08").put("inspector", "INS-08");
            assertEquals(201, api.post(SUBMISSIONS, admin, byAdmin.toString()).status());

            assertEquals(200, api.get(SUBMISSIONS + "/S-20220630-0001", ins07).status());
            assertEquals(403, api.get(SUBMISSIONS + "/S-20220630-0001", ins08).status());
            assertEquals(403, api.get(SUBMISSIONS + "/S-20220630-0001", north).status());
            assertEquals(200, api.get(SUBMISSIONS + "/S-20220630-0001", admin).status());

            // A unit reads the findings whose units include it, and only those.
            JsonNode northFindings = api.get(ApiServer.BASE + "/findings?limit=1000", north).json().get("findings");
            int perPost = roadFindings().size();
            long north1 = ofUnit(roadFindings(), "北街街道");
            assertTrue(north1 > 0 && north1 < perPost);
            assertEquals(2 * north1, northFindings.size());
            northFindings.forEach(f -> assertTrue(f.get("units").toString().contains("北街街道"), f.toString()));
            assertEquals(2 * north1, api.get(ApiServer.BASE + "/findings?unit=北街街道", north).json().get("findings").size());
            assertEquals(403, api.get(ApiServer.BASE + "/findings?unit=东街街道", north).status());
            assertEquals(2 * perPost, api.get(ApiServer.BASE + "/findings?limit=1000", admin).json().get("findings").size());
            assertEquals(perPost, api.get(ApiServer.BASE + "/findings?limit=1000", ins08).json().get("findings").size());
            api.get(ApiServer.BASE + "/findings?limit=1000", ins08).json().get("findings")
                    .forEach(f -> assertEquals("S-08", f.get("submission").asText()));
            assertEquals(200, api.get(ApiServer.BASE + "/ledger", north).status());

            assertEquals(403, api.post(ApiServer.BASE + "/admin/reload", ins07, "").status());
            assertEquals(403, api.post(ApiServer.BASE + "/admin/reload", north, "").status());

            String id = api.store.tokens().list().get(0).id();
            assertTrue(api.store.tokens().revoke(id));
            assertEquals(401, api.get(SUBMISSIONS + "/S-20220630-0001", ins07).status(), "revoked");
        }
    }

    @Test
    void findingsArePagedNewestFirstAndParametersAreChecked() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String admin = api.token(Role.ADMIN, null);
            for (String id : List.of("S-1", "S-2", "S-3")) {
                ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(roads());
                assertEquals(201, api.post(SUBMISSIONS, admin, doc.put("submission", id).toString()).status());
                Thread.sleep(5);
            }
            int total = 3 * roadFindings().size();
            int page = total / 2 + 1;
            JsonNode first = api.get(ApiServer.BASE + "/findings?limit=" + page, admin).json();
            assertEquals(page, first.get("findings").size());
            assertEquals("S-3", first.get("findings").get(0).get("submission").asText());
            assertEquals(page, first.get("next").asInt());
            JsonNode last = api.get(ApiServer.BASE + "/findings?limit=" + page + "&offset=" + page, admin).json();
            assertEquals(total - page, last.get("findings").size());
            assertTrue(last.get("next").isNull());
            assertEquals("S-1", last.get("findings").get(total - page - 1).get("submission").asText());

            JsonNode fails = api.get(ApiServer.BASE + "/findings?measure=13&status=FAIL&subject=R-024", admin).json();
            assertEquals(0, fails.get("findings").size() % 3);
            assertFalse(fails.get("findings").isEmpty());
            fails.get("findings").forEach(f -> assertEquals("13 FAIL R-024",
                    f.get("measure").asInt() + " " + f.get("status").asText() + " " + f.get("subject").asText()));
            String today = java.time.LocalDate.now(TestPacks.bundled().ledger().zone()).toString();
            assertEquals(total, api.get(ApiServer.BASE + "/findings?limit=1000&from=" + today + "&to=" + today, admin).json().get("findings").size());
            assertEquals(0, api.get(ApiServer.BASE + "/findings?to=2022-12-31", admin).json().get("findings").size());
            for (String bad : List.of("status=BROKEN", "measure=x", "limit=0", "limit=1001", "offset=-1", "from=2022-13-01")) {
                Api.Reply r = api.get(ApiServer.BASE + "/findings?" + bad, admin);
                assertEquals(400, r.status(), bad + ": " + r.body());
            }
        }
    }

    @Test
    void ledgerRoutesServeThePack() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String admin = api.token(Role.ADMIN, null);
            JsonNode ledger = api.get(ApiServer.BASE + "/ledger", admin).json();
            assertEquals("chengqu-2022", ledger.get("pack").asText());
            assertEquals(41, ledger.get("measures").size());
            JsonNode m13 = api.get(ApiServer.BASE + "/ledger/13", admin).json();
            assertEquals(13, m13.get("number").asInt());
            assertTrue(m13.get("rules").size() > 0);
            assertTrue(m13.get("targets").has("mechanisedRate"));
            assertEquals(404, api.get(ApiServer.BASE + "/ledger/99", admin).status());
            assertEquals(400, api.get(ApiServer.BASE + "/ledger/abc", admin).status());
        }
    }

    @Test
    void bodiesOverTheLimitAre413WithOrWithoutContentLength() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String token = api.token(Role.INSPECTOR, "INS-07");
            byte[] big = new byte[ApiServer.MAX_BODY + 10];
            Arrays.fill(big, (byte) ' ');
            Api.Reply sized = api.send("POST", SUBMISSIONS, token, HttpRequest.BodyPublishers.ofByteArray(big));
            assertEquals(413, sized.status(), sized.body());
            Api.Reply chunked = api.send("POST", SUBMISSIONS, token,
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
            assertEquals(413, chunked.status(), chunked.body());
            assertTrue(chunked.json().has("error"));
        }
    }

    @Test
    void failuresAnswerWithoutStackTraces() throws Exception {
        Api api = new Api(TestDatabases.fresh("h2", tmp));
        try {
            String token = api.token(Role.ADMIN, null);
            Api.Reply unknown = api.get(ApiServer.BASE + "/nothing", token);
            assertEquals(404, unknown.status());
            assertTrue(unknown.json().has("error"));
            api.store.close(); // the database goes away under the server
            for (Api.Reply r : List.of(api.get(SUBMISSIONS + "/S-1", token), api.post(SUBMISSIONS, token, roads()),
                    api.get(ApiServer.BASE + "/health", null))) {
                assertTrue(r.status() == 500 || r.status() == 503, r.status() + " " + r.body());
                assertTrue(r.json().has("error") || r.json().has("status"), r.body());
                for (String leak : List.of("Exception", "\tat ", "at org.", "at java.", "SQL")) {
                    assertFalse(r.body().contains(leak), r.body());
                }
            }
        } finally {
            api.server.close();
        }
    }

    @Test
    void reloadSwapsInAPackThatCompilesAndRefusesOneThatDoesNot() throws Exception {
        Path pack = TestPacks.copyOfBundled(tmp.resolve("pack"));
        try (Api api = new Api(TestDatabases.fresh("h2", tmp), pack)) {
            String admin = api.token(Role.ADMIN, null);
            String before = api.server.pack().hash();
            Path dust = pack.resolve("03-dust.drl");
            String good = Files.readString(dust);
            Files.writeString(dust, good + "\nrule \"13-broken\" when then nonsense( end\n");
            Api.Reply refused = api.post(ApiServer.BASE + "/admin/reload", admin, "");
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.json().get("errors").size() > 0);
            assertEquals(before, api.server.pack().hash());
            assertEquals(201, api.post(SUBMISSIONS, admin, roads()).status(), "the old pack still evaluates");

            Files.writeString(dust, good.replace("95%", "95 %"));
            Api.Reply reloaded = api.post(ApiServer.BASE + "/admin/reload", admin, "");
            assertEquals(200, reloaded.status(), reloaded.body());
            assertNotEquals(before, reloaded.json().get("packHash").asText());
            assertEquals(reloaded.json().get("packHash").asText(), api.get(ApiServer.BASE + "/health", null).json().get("packHash").asText());
        }
    }
}
