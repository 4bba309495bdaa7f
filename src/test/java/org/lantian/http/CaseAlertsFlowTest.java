package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.alerts.AlertWorker;
import org.lantian.alerts.Delivery;
import org.lantian.alerts.Receiver;
import org.lantian.alerts.TestClock;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/**
 * The whole path on H2 and PostgreSQL: posts open a case and make it overdue, its unit posts evidence, an
 * inspector closes it, a FAIL reopens it; the units' robots (one that fails its first three calls) get the
 * overdue and the repeat, once each, and the evidence posting alerts nobody.
 */
class CaseAlertsFlowTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void postsMoveTheCaseAndTheUnitsHearOfItOnce(String kind) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        try (Api api = new Api(TestDatabases.fresh(kind, tmp)); Receiver robot = new Receiver(3, 0)) {
            String inspector = api.token(Role.INSPECTOR, "INS-07"), admin = api.token(Role.ADMIN, null), unit = api.token(Role.UNIT, "北街街道");
            for (String[] hook : List.of(new String[] {"北街街道", "DINGTALK", "/dingtalk"}, new String[] {"区市容环卫中心", "WECOM", "/wecom"})) {
                Api.Reply set = api.send("PUT", WebhooksApiTest.path(hook[0]), admin, HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"" + robot.url(hook[2]) + "\",\"kind\":\"" + hook[1] + "\"}"));
                assertEquals(201, set.status(), set.body());
            }
            AlertWorker worker = new AlertWorker(api.store, ZoneId.of("Asia/Shanghai"), null,
                    new Delivery.Settings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), Duration.ofSeconds(5), 20), clock);

            CasesApiTest.post(api, inspector, "S-1", "2022-06-27", 2);
            long id = CasesApiTest.theCase(api, admin).get("id").asLong();
            CasesApiTest.post(api, inspector, "S-2", "2022-06-29", 2);
            assertEquals("OVERDUE", CasesApiTest.theCase(api, admin).get("status").asText());
            Api.Reply evidence = EvidenceApiTest.post(api, id, unit, "已补扫", new EvidenceApiTest.FilePart("补扫.png", "image/png", EvidenceApiTest.png(20_000)));
            assertEquals(201, evidence.status(), evidence.body());
            worker.round();
            CasesApiTest.post(api, inspector, "S-3", "2022-06-30", 3);
            assertEquals(200, api.post(CasesApiTest.CASES + "/" + id + "/verify", inspector, "{\"result\":\"CLOSED\"}").status());
            CasesApiTest.post(api, inspector, "S-4", "2022-07-05", 2);
            assertEquals(1, CasesApiTest.theCase(api, admin).get("repeats").asInt());

            for (int round = 0; round < 30 && robot.distinct() < 4; round++) {
                worker.round();
                clock.advance(Duration.ofSeconds(10));
            }
            worker.round();
            assertEquals(4, robot.distinct(), "overdue and repeat, each to both units");
            assertEquals(0, robot.duplicates.get());
            assertEquals(7, robot.calls.get(), "three failures, then four alerts once each");
            assertEquals(List.of(), robot.problems);
            Set<String> seen = new TreeSet<>();
            for (Receiver.Delivered d : robot.accepted.values()) {
                JsonNode m = d.body().get("markdown");
                String text = d.path().equals("/dingtalk") ? m.get("text").asText() : m.get("content").asText();
                assertTrue(text.contains("#" + id) && text.contains("13-daily-sweeps") && text.contains("R-017"), text);
                seen.add(d.path() + (text.contains("逾期未整改") ? " overdue" : text.contains("重复违规") ? " repeat" : " ?"));
            }
            assertEquals(Set.of("/dingtalk overdue", "/dingtalk repeat", "/wecom overdue", "/wecom repeat"), seen);

            // The evidence posting is an event of the case, between its overdue and its rectification.
            List<String> path = new ArrayList<>();
            for (JsonNode e : api.get(CasesApiTest.CASES + "/" + id, unit).json().get("events")) path.add(e.get("from").asText() + ">" + e.get("to").asText());
            assertEquals(List.of("null>OPEN", "OPEN>OVERDUE", "OVERDUE>OVERDUE", "OVERDUE>RECTIFIED", "RECTIFIED>CLOSED", "CLOSED>OPEN"), path);
        }
    }
}
