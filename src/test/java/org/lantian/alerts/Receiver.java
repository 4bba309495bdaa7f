package org.lantian.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lantian.Json;

/**
 * A group robot in the test: an HTTP server that fails its first {@code failFirst} calls with 500, then takes
 * alerts as a robot does, dropping a repeated idempotency key (counted apart), and optionally answers its
 * first accepted call only after {@code slowFirst} ms (a reply the sender gives up on).
 */
public final class Receiver implements AutoCloseable {
    final HttpServer server;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger duplicates = new AtomicInteger();
    /** Accepted alerts by key, in order of arrival: the path, the body. */
    public final Map<String, Delivered> accepted = new LinkedHashMap<>();
    public final List<String> problems = new ArrayList<>();
    private final int failFirst;
    private final long slowFirst;

    public record Delivered(String path, JsonNode body) {
    }

    public Receiver(int failFirst, long slowFirst) throws IOException {
        this.failFirst = failFirst;
        this.slowFirst = slowFirst;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = calls.incrementAndGet();
            byte[] in = exchange.getRequestBody().readAllBytes();
            int status;
            String answer;
            if (n <= failFirst) {
                status = 500;
                answer = "{\"errcode\":-1,\"errmsg\":\"down for the test\"}";
            } else {
                JsonNode body = Json.MAPPER.readTree(in);
                String header = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                String key = body.path("idempotencyKey").asText(null);
                synchronized (this) {
                    if (header == null || !header.equals(key)) problems.add("header " + header + " and body " + key + " differ");
                    if (accepted.containsKey(key)) {
                        duplicates.incrementAndGet();
                    } else {
                        accepted.put(key, new Delivered(exchange.getRequestURI().getPath(), body));
                    }
                }
                if (slowFirst > 0 && n == failFirst + 1) {
                    try {
                        Thread.sleep(slowFirst);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                status = 200;
                answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
            } catch (IOException e) {
                // the sender gave up waiting
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public synchronized int distinct() {
        return accepted.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
