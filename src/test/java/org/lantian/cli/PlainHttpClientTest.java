package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.http.ApiServer;
import org.lantian.store.Role;
import org.lantian.store.Store;

/** The load test's client against a real server: statuses, whole responses on one kept-alive connection. */
class PlainHttpClientTest {
    @TempDir
    Path tmp;

    @Test
    void postsOnOneConnectionAndReadsEachWholeResponse() throws Exception {
        byte[] roads = Files.readAllBytes(Path.of("samples/inspections/road-cleaning.json"));
        try (Store store = Store.open("jdbc:h2:file:" + tmp.resolve("store").toAbsolutePath())) {
            String token = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
            ApiServer server = ApiServer.start(store, TestPacks.bundled(), TestPacks.BUNDLED, "127.0.0.1", 0);
            URI target = URI.create("http://127.0.0.1:" + server.port() + ApiServer.BASE + "/submissions");
            try (PlainHttpClient client = new PlainHttpClient(target, token, 30_000);
                 PlainHttpClient stranger = new PlainHttpClient(target, "lt_unknown", 30_000)) {
                assertEquals(201, client.post(roads));
                assertEquals(200, client.post(roads)); // the same id and content: answered from the store
                assertEquals(400, client.post("{\"facts\": 1}".getBytes(StandardCharsets.UTF_8)));
                assertEquals(401, stranger.post(roads));
                assertEquals(200, client.post(roads)); // the connection still reads responses in step
                server.close();
                assertThrows(IOException.class, () -> client.post(roads));
            } finally {
                server.close();
            }
        }
    }
}
