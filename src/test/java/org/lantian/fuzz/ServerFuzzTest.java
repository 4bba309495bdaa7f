package org.lantian.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.http.ApiServer;
import org.lantian.store.Role;
import org.lantian.store.Store;

/**
 * Issue 16: at least 2,000 hostile posts against a running server (H2 store, bundled pack). No answer is a
 * 5xx, every answer is JSON, and /health, asked every 50 ms from another thread, answers 200 throughout.
 */
class ServerFuzzTest {
    static final FuzzCounts COUNTS = new FuzzCounts("server");
    static Path dir;
    static Store store;
    static ApiServer server;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong healthAsked = new AtomicLong();
    static final AtomicReference<String> healthFailure = new AtomicReference<>();
    static volatile boolean running = true;
    static Thread health;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("lantian-server-fuzz");
        store = Store.open("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath());
        server = ApiServer.start(store, TestPacks.bundled(), TestPacks.BUNDLED, "127.0.0.1", 0);
        token = store.tokens().create(Role.ADMIN, null, null).token();
        health = new Thread(() -> {
            while (running) {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(ApiServer.BASE + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    healthAsked.incrementAndGet();
                    if (r.statusCode() != 200) healthFailure.compareAndSet(null, "health answered " + r.statusCode() + ": " + r.body());
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    healthFailure.compareAndSet(null, "health did not answer: " + e);
                }
            }
        }, "health-poller");
        health.setDaemon(true);
        health.start();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Provide
    Arbitrary<Hostile.Case> cases() {
        return Hostile.cases();
    }

    @Provide
    Arbitrary<String> asOf() {
        return Arbitraries.of("", "", "", "", "2022-06-30", "2022-06-30", "2022-06-30", "2099-12-31", "9999-12-31", "+999999999-12-31", "-999999999-01-01",
                "2022-02-30", "%", "%25", "x\u0000", "\ud800".repeat(1) + "x", "2022-06-30&asOf=2022-07-01");
    }

    @Property(tries = 2_000)
    void noHostilePostIsA5xxAndHealthAnswersThroughout(@ForAll("cases") Hostile.Case c, @ForAll("asOf") String asOf) throws Exception {
        COUNTS.tried.incrementAndGet();
        String query = asOf.isEmpty() ? "" : "?asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8);
        byte[] body = c.bytes();
        HttpResponse<String> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(uri(ApiServer.BASE + "/submissions" + query))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // Over 1 MiB the server answers 413 as soon as it sees the Content-Length and closes the connection
            // while the client is still sending: the client may see the closed connection instead of the answer.
            assertTrue(body.length > 1 << 20, "no answer to a post of " + body.length + " bytes: " + e);
            COUNTS.refused.incrementAndGet();
            return;
        }
        if (r.statusCode() >= 500) COUNTS.crashes.incrementAndGet();
        assertTrue(r.statusCode() < 500, r.statusCode() + " " + r.body());
        Json.MAPPER.readTree(r.body()); // every answer is JSON
        if (r.statusCode() < 300) COUNTS.accepted.incrementAndGet();
        else COUNTS.refused.incrementAndGet();
        assertEquals(null, healthFailure.get());
    }

    @AfterContainer
    static void stop() throws Exception {
        running = false;
        health.interrupt();
        health.join(5000);
        COUNTS.report();
        System.out.println("server: /health asked " + healthAsked.get() + " times, " + (healthFailure.get() == null ? "always 200"
                : healthFailure.get()));
        server.close();
        store.close();
        assertEquals(null, healthFailure.get());
        assertTrue(healthAsked.get() > 0);
        assertEquals(0, COUNTS.crashes.get());
    }
}
