package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/** The admin's webhook routes: set, replace, list, remove; a unit the pack does not know and other roles are refused. */
class WebhooksApiTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static String path(String unit) {
        return ApiServer.BASE + "/webhooks/" + URLEncoder.encode(unit, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anAdminSetsListsAndRemovesWebhooks(String kind) throws Exception {
        try (Api api = new Api(TestDatabases.fresh(kind, tmp))) {
            String admin = api.token(Role.ADMIN, null), unit = api.token(Role.UNIT, "北街街道");
            String wecom = "{\"url\":\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1\"}";
            Api.Reply set = api.send("PUT", path("北街街道办事处"), admin, HttpRequest.BodyPublishers.ofString(wecom));
            assertEquals(201, set.status(), set.body());
            assertEquals("北街街道", set.json().get("unit").asText());
            assertEquals("WECOM", set.json().get("kind").asText());
            Api.Reply replaced = api.send("PUT", path("北街街道"), admin,
                    HttpRequest.BodyPublishers.ofString("{\"url\":\"http://10.0.0.5/robot\",\"kind\":\"dingtalk\"}"));
            assertEquals(200, replaced.status(), replaced.body());
            assertEquals("DINGTALK", replaced.json().get("kind").asText());

            Api.Reply unknown = api.send("PUT", path("城区住建局"), admin, HttpRequest.BodyPublishers.ofString(wecom));
            assertEquals(400, unknown.status());
            assertTrue(unknown.json().get("units").toString().contains("区住建局"), unknown.body());
            Api.Reply noKind = api.send("PUT", path("区住建局"), admin, HttpRequest.BodyPublishers.ofString("{\"url\":\"https://example.org/hook\"}"));
            assertEquals(400, noKind.status());
            assertTrue(noKind.json().get("error").asText().contains("DINGTALK or WECOM"), noKind.body());
            assertEquals(400, api.send("PUT", path("区住建局"), admin, HttpRequest.BodyPublishers.ofString("{\"url\":\"ftp://x/y\",\"kind\":\"WECOM\"}")).status());
            assertEquals(400, api.send("PUT", path("区住建局"), admin, HttpRequest.BodyPublishers.ofString("[1]")).status());
            assertEquals(403, api.send("PUT", path("北街街道"), unit, HttpRequest.BodyPublishers.ofString(wecom)).status());
            assertEquals(403, api.get(ApiServer.BASE + "/webhooks", unit).status());

            Api.Reply list = api.get(ApiServer.BASE + "/webhooks", admin);
            assertEquals(200, list.status());
            assertEquals(1, list.json().get("webhooks").size());
            assertEquals("http://10.0.0.5/robot", list.json().at("/webhooks/0/url").asText());
            assertEquals(0, list.json().at("/webhooks/0/pending").asInt());

            assertEquals(204, api.send("DELETE", path("北街街道"), admin, HttpRequest.BodyPublishers.noBody()).status());
            assertEquals(404, api.send("DELETE", path("北街街道"), admin, HttpRequest.BodyPublishers.noBody()).status());
            assertEquals(0, api.get(ApiServer.BASE + "/webhooks", admin).json().get("webhooks").size());
        }
    }
}
