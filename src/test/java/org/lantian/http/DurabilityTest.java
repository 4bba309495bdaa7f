package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.store.Role;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/**
 * A 201 means durable: {@code lantian serve} runs as its own process, is killed with SIGKILL the moment
 * the last 201 arrives, and a new server on the same store has every acknowledged submission.
 */
class DurabilityTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void acknowledgedSubmissionsSurviveSigkill(String kind) throws Exception {
        String db = TestDatabases.fresh(kind, tmp);
        String token;
        try (Store store = Store.open(db)) {
            token = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
        }
        HttpClient http = HttpClient.newHttpClient();
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of(ApiTest.ROADS)));
        List<String> acknowledged = new ArrayList<>();
        List<JsonNode> reports = new ArrayList<>();

        Server first = Server.start(db, tmp);
        try {
            for (int i = 0; i < 5; i++) {
                String id = "S-kill-" + i;
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(first.uri(ApiTest.SUBMISSIONS))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(doc.put("submission", id).toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), r.body());
                acknowledged.add(id);
                reports.add(Json.MAPPER.readTree(r.body()));
            }
        } finally {
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close of the store
            assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, first.process.exitValue(), "killed by SIGKILL");

        Server second = Server.start(db, tmp);
        try {
            for (int i = 0; i < acknowledged.size(); i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(second.uri(ApiTest.SUBMISSIONS + "/" + acknowledged.get(i)))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), acknowledged.get(i) + ": " + r.body());
                assertEquals(reports.get(i), Json.MAPPER.readTree(r.body()).get("report"));
            }
        } finally {
            second.process.destroy();
            second.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code lantian serve} in a child JVM on a free port, with the test's class path. */
    record Server(Process process, int port) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        static Server start(String db, Path dir) throws Exception {
            Path log = Files.createTempFile(dir, "serve", ".log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.lantian.cli.Main",
                    "serve", "--port", "0", "--db", db, "--rules", "rules/chengqu-2022")
                    .redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) return new Server(p, Integer.parseInt(m.group(1)));
            }
            p.destroyForcibly();
            throw new AssertionError("lantian serve did not start:\n" + Files.readString(log));
        }
    }
}
