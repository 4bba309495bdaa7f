package org.lantian.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.store.Store;

/** A server on a fresh store and a client for it, for API tests. */
final class Api implements AutoCloseable {
    final Store store;
    final ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    Api(String url) throws Exception {
        this(url, TestPacks.BUNDLED);
    }

    Api(String url, Path packDir) throws Exception {
        store = Store.open(url);
        server = ApiServer.start(store, TestPacks.bundled(), packDir, "127.0.0.1", 0);
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Reply send(String method, String path, String token, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    Reply get(String path, String token) throws Exception {
        return send("GET", path, token, HttpRequest.BodyPublishers.noBody());
    }

    Reply post(String path, String token, String body) throws Exception {
        return send("POST", path, token, HttpRequest.BodyPublishers.ofString(body));
    }

    String token(org.lantian.store.Role role, String who) throws Exception {
        return store.tokens().create(role, role == org.lantian.store.Role.INSPECTOR ? who : null,
                role == org.lantian.store.Role.UNIT ? who : null).token();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
