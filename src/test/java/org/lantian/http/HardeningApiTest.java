package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.store.Role;

/** Issue 16's hostile posts, each a 400 naming the field by its pointer (before: 201 or 500). */
class HardeningApiTest {
    @TempDir
    Path tmp;

    private static String doc(String id, String fact) {
        return "{\"submission\":\"" + id + "\",\"inspector\":\"INS-07\",\"submittedAt\":\"2022-06-30T10:15:00+08:00\",\"facts\":[" + fact + "]}";
    }

    private static void refusedAt(Api.Reply r, String pointer) {
        assertEquals(400, r.status(), r.body());
        for (JsonNode p : r.json().get("problems")) if (p.get("pointer").asText().equals(pointer)) return;
        throw new AssertionError("no problem at " + pointer + ": " + r.body());
    }

    @Test
    void hostilePostsAreRefusedWithTheirPointerAndWhatPassesIsStoredAsPosted() throws Exception {
        try (Api api = new Api("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath())) {
            String t = api.token(Role.INSPECTOR, "INS-07");
            String p = ApiServer.BASE + "/submissions";
            refusedAt(api.post(p, t, doc("S-1", "{\"type\":\"CleaningCampaign\",\"date\":\"-999999999-01-01\",\"town\":\"北街街道\"}")), "/facts/0/date");
            refusedAt(api.post(p, t, doc("S-2", "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"areaM2\":1e400}")), "/facts/0/areaM2");
            refusedAt(api.post(p, t, doc("S-3", "{\"type\":\"RoadCleaning\",\"road\":\"R-\\ud800\"}")), "/facts/0/road");
            refusedAt(api.post(p, t, doc("S-4", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}").replace("2022-06-30T10:15:00+08:00",
                    "+999999999-12-31T00:00:00Z")), "/submittedAt");
            refusedAt(api.post(p, t, doc("S-5", "{\"type\":\"RoadCleaning\",\"road\":\"" + "R".repeat(1001) + "\"}")), "/facts/0/road");
            refusedAt(api.post(p, t, doc("S-6", "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"town\":\"" + "镇".repeat(4001) + "\"}")), "/facts/0/town");
            refusedAt(api.post(p, t, doc("S-7", "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"town\":\"北街街道|南村镇\"}")), "/facts/0/town");
            refusedAt(api.post(p + "?asOf=%2B999999999-12-31", t, doc("S-8", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}")), "asOf");
            refusedAt(api.post(p + "?asOf=9999-12-31", t, doc("S-8", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}")), "asOf");
            refusedAt(api.post(p, t, doc("S-9", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}") + "x"), "");
            refusedAt(api.post(p, t, doc("S-10", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}").replace("\"inspector\":\"INS-07\"",
                    "\"inspector\":\"INS-07\",\"inspector\":\"INS-07\"")), "/inspector");
            refusedAt(api.post(p, t, doc("S\\u000011", "{\"type\":\"Restaurant\",\"id\":\"CY-1\"}")), "/submission");
            refusedAt(api.post(p, t, doc("S-12", "{\"type\":\"CoalSample\",\"dealer\":\"D-1\",\"ashPct\":150}")), "/facts/0/ashPct");
            refusedAt(api.post(p, t, doc("S-13", "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"sweeps\":99999999999999999999}")), "/facts/0/sweeps");

            // What passes is stored as posted: re-posting the document GET returns is the same submission.
            String good = doc("S-20", "{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"date\":\"2022-06-30\",\"town\":\"北街街道\",\"areaM2\":86000.50,\"mechanizedAreaM2\":1E+4}");
            assertEquals(201, api.post(p, t, good).status());
            String body = api.get(p + "/S-20", t).body();
            assertTrue(body.contains("\"areaM2\":86000.50,\"mechanizedAreaM2\":1E+4"), body);
            String stored = org.lantian.input.StrictJson.parse(body).get("document").toString();
            assertEquals(200, api.post(p, t, stored).status());
        }
    }
}
