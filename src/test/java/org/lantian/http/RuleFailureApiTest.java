package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.engine.EvaluationFailureTest;
import org.lantian.store.Role;
import org.lantian.store.Store;

/** A rule that throws on a posted submission is a 422 naming the rule; the server goes on serving. */
class RuleFailureApiTest {
    @Test
    void aRuleThatThrowsIsA422AndTheServerStaysUp(@TempDir Path tmp) throws Exception {
        try (Store store = Store.open("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath());
             ApiServer server = ApiServer.start(store, EvaluationFailureTest.packWithBadRules(), EvaluationFailureTest.badPackDir(),
                     "127.0.0.1", 0)) {
            String token = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"submission\":\"S-B\",\"inspector\":\"INS-07\",\"facts\":[{\"type\":\"Restaurant\",\"id\":\"CY-BOOM\"}]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + ApiServer.BASE + "/submissions?asOf=2022-06-30")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(422, r.statusCode(), r.body());
            assertEquals("33-throws-on-boom", Json.MAPPER.readTree(r.body()).get("rule").asText());
            assertTrue(store.submissions().get("S-B").isEmpty(), "nothing stored");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + ApiServer.BASE + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }
}
