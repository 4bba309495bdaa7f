package org.lantian.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.lantian.Json;
import org.lantian.cli.DbOption;
import org.lantian.cli.Main;
import org.lantian.cli.Output;
import org.lantian.cli.PackOption;
import org.lantian.engine.CompiledPack;
import org.lantian.http.ApiServer;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import org.lantian.store.Role;
import org.lantian.store.Store;
import org.lantian.store.Submissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tools/lantian-dev loadtest}: posts single submissions of ~10 facts to a server on loopback and reports
 * throughput and latency percentiles. With {@code --rate} requests are sent on a fixed schedule (open loop)
 * and each latency counts from the moment its request was due, so a stalled server cannot hide its queue;
 * with {@code --rate 0}, {@code --concurrency} clients post back to back (closed loop: the most it takes).
 * By default it starts its own server in this JVM on {@code --db} (a fresh H2 file when absent); with
 * {@code --url} and {@code --token} it drives a running {@code lantian serve} instead.
 */
@Command(name = "loadtest", description = "Post submissions of ~10 facts at a fixed rate and report throughput, p50, p90, p99 (HdrHistogram).")
final class LoadTestCommand implements Callable<Integer> {
    /** Connections of the open-loop client: enough that requests wait for the server, not for a connection. */
    static final int CONNECTIONS = 48;
    static final int TIMEOUT_MILLIS = 30_000;

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second, open loop; 0: closed loop (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--concurrency", defaultValue = "4", description = "Clients in closed loop (--rate 0) (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured duration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "60", description = "Seconds of the same load before the measured part, "
            + "on the same connections: the JIT is still compiling for the first minute (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--db", paramLabel = "URL", description = "Store of the in-process server (default: a new H2 file in a temporary folder).")
    String db;

    @Option(names = "--url", paramLabel = "URL", description = "Drive a running server instead, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "An INSPECTOR token of INS-07 (or ADMIN) for --url.")
    String token;

    @Option(names = "--stages", paramLabel = "N", description = "Instead: post N submissions straight to the service and store, "
            + "one at a time without HTTP, and print each stage's mean wall and CPU time (where the time goes).")
    int stages;

    @Option(names = "--timeline", paramLabel = "FILE", description = "Open loop: write each measured request (when it was due, "
            + "its latency, its status) as CSV, to line the slow ones up with GC or database logs.")
    Path timeline;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    private final AtomicLong sequence = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private ArrayNode facts;
    private String factsJson;

    @Override
    public Integer call() throws Exception {
        if (url != null && token == null) throw new Main.UserError("--url needs --token (lantian token create --role INSPECTOR --inspector INS-07)");
                if (seconds < 1 || warmup < 0 || rate < 0 || concurrency < 1) throw new Main.UserError("--seconds, --warmup, --rate and --concurrency must be positive");
        if (timeline != null && (rate == 0 || stages > 0)) throw new Main.UserError("--timeline needs the open loop (--rate N), not --rate 0 or --stages");
        facts = facts(PackOption.defaultPack().getParent().getParent().resolve("samples").resolve("inspections"));
        factsJson = facts.toString();
        if (stages > 0) return stages();
        Store store = null;
        ApiServer server = null;
        Path tmp = null;
        try {
            URI base;
            String bearer = token;
            String where;
            if (url != null) {
                base = URI.create(url.replaceAll("/+$", ""));
                where = url;
            } else {
                CompiledPack compiled = pack.compile();
                if (db == null) tmp = Files.createTempDirectory("lantian-loadtest");
                String storeUrl = db != null ? db : "jdbc:h2:file:" + tmp.resolve("store").toAbsolutePath();
                store = DbOption.open(storeUrl);
                bearer = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
                server = ApiServer.start(store, compiled, pack.dir(), "127.0.0.1", 0);
                base = URI.create("http://127.0.0.1:" + server.port());
                where = "in-process server on " + store.describe();
            }
            URI target = base.resolve(ApiServer.BASE + "/submissions");
            output.out().printf("loadtest: %s, %s, %d s warm-up + %d s measured, %d facts a submission%n", where,
                    rate > 0 ? rate + " req/s open loop" : concurrency + " clients closed loop", warmup, seconds, facts.size());
            Result r = drive(target, bearer, warmup, seconds, timeline);
            output.out().println(r.describe());
            return r.errors() == 0 ? Main.OK : Main.FAILED;
        } finally {
            if (server != null) server.close();
            if (store != null) store.close();
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** Each stage of a post through the evaluation service, timed alone: validate, hash, evaluate, report JSON, token, store. */
    private int stages() throws Exception {
        EvaluationService service = new EvaluationService(pack.compile());
        Path tmp = db == null ? Files.createTempDirectory("lantian-stages") : null;
        try (Store store = DbOption.open(db != null ? db : "jdbc:h2:file:" + tmp.resolve("store").toAbsolutePath())) {
            String bearer = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
            var threads = ManagementFactory.getThreadMXBean();
            LocalDate asOf = LocalDate.of(2022, 7, 15);
            String[] names = {"parse + validate", "content hash", "evaluate (Drools)", "findings JSON", "token look-up", "store + commit"};
            long[] wall = new long[names.length];
            long[] cpu = new long[names.length];
            int warm = Math.min(stages, 500);
            for (int i = -warm; i < stages; i++) {
                String body = Json.MAPPER.writeValueAsString(document());
                long[] w = new long[names.length + 1];
                long[] c = new long[names.length + 1];
                w[0] = System.nanoTime();
                c[0] = threads.getCurrentThreadCpuTime();
                JsonNode doc = org.lantian.input.StrictJson.parse(body);
                var submission = service.validate(doc);
                w[1] = System.nanoTime(); c[1] = threads.getCurrentThreadCpuTime();
                String hash = Submissions.contentHash(doc);
                w[2] = System.nanoTime(); c[2] = threads.getCurrentThreadCpuTime();
                var findings = service.evaluate(submission.facts(), asOf);
                w[3] = System.nanoTime(); c[3] = threads.getCurrentThreadCpuTime();
                CheckReport report = service.report(submission.submission(), asOf, findings);
                String json = Json.MAPPER.writeValueAsString(report);
                w[4] = System.nanoTime(); c[4] = threads.getCurrentThreadCpuTime();
                store.tokens().lookup(bearer).orElseThrow();
                w[5] = System.nanoTime(); c[5] = threads.getCurrentThreadCpuTime();
                OffsetDateTime now = OffsetDateTime.now();
                store.submissions().insert(new Submissions.NewSubmission(submission.submission(), submission.inspector(), hash,
                        now, service.dayOf(now), asOf, service.pack().hash(), body, json, findings));
                w[6] = System.nanoTime(); c[6] = threads.getCurrentThreadCpuTime();
                if (i < 0) continue;
                for (int k = 0; k < names.length; k++) {
                    wall[k] += w[k + 1] - w[k];
                    cpu[k] += c[k + 1] - c[k];
                }
            }
            output.out().printf("stages of one post, mean of %d after %d warm-up, store %s:%n", stages, warm, store.describe());
            long wallSum = 0;
            long cpuSum = 0;
            for (int k = 0; k < names.length; k++) {
                output.out().printf("  %-18s wall %6.3f ms  cpu %6.3f ms%n", names[k], wall[k] / 1e6 / stages, cpu[k] / 1e6 / stages);
                wallSum += wall[k];
                cpuSum += cpu[k];
            }
            output.out().printf("  %-18s wall %6.3f ms  cpu %6.3f ms%n", "total", wallSum / 1e6 / stages, cpuSum / 1e6 / stages);
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
        return Main.OK;
    }

    /** What a run measured: latencies in microseconds in an HdrHistogram (3 significant digits). */
    record Result(int sent, int ok, int errors, Map<Integer, Integer> statuses, double seconds, Histogram micros, double cpuMs) {
        String describe() {
            return String.format("requests %d, ok %d, errors %d %s; throughput %.1f req/s; latency ms p50 %.1f  p90 %.1f  p99 %.1f  max %.1f;"
                            + " CPU of this JVM %.2f ms a request; load average %.2f",
                    sent, ok, errors, statuses, ok / seconds, pct(50), pct(90), pct(99),
                    micros.getTotalCount() == 0 ? 0.0 : micros.getMaxValue() / 1000.0, cpuMs / Math.max(1, sent),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }

        private double pct(double p) {
            return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(p) / 1000.0;
        }
    }

    /**
     * One continuous run: {@code warm} seconds of load, then {@code duration} seconds in which every request
     * is recorded. The same connections carry both parts, so the measured part does not begin with new
     * connections.
     */
    private Result drive(URI target, String bearer, int warm, int duration, Path timeline) throws Exception {
        int capacity = Math.max(1, rate > 0 ? rate * duration + 16 : 1);
        long[] latencies = new long[capacity];
        long[] dueNanos = new long[capacity];
        int[] codes = new int[capacity];
        Histogram micros = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(TIMEOUT_MILLIS / 1000 * 2), 3);
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warm);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        long cpuFrom = 0;
        long millisFrom = 0;
        int sent = 0;
        try (CloseableHttpClient client = client(rate > 0 ? CONNECTIONS : concurrency)) {
            if (rate > 0) {
                // Open loop: this thread queues each request at its due time; CONNECTIONS threads post them over
                // the pool's keep-alive connections. A request that waits in the queue for a free sender counts
                // that wait, as one the server is slow to answer does.
                BlockingQueue<Long> due = new LinkedBlockingQueue<>();
                ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
                for (int c = 0; c < CONNECTIONS; c++) {
                    senders.submit(() -> {
                        for (long dueAt = due.take(); dueAt != Long.MIN_VALUE; dueAt = due.take()) {
                            int status = post(client, target, bearer);
                            if (dueAt < measureFrom) continue;
                            long latency = (System.nanoTime() - dueAt) / 1000;
                            micros.recordValue(Math.min(latency, micros.getHighestTrackableValue()));
                            int i = recorded.getAndIncrement();
                            if (i < capacity) {
                                latencies[i] = latency;
                                dueNanos[i] = dueAt - measureFrom;
                                codes[i] = status;
                            }
                            count(status, ok, errors, statuses);
                        }
                        return null;
                    });
                }
                long interval = 1_000_000_000L / rate;
                for (long at = start; at < end; at += interval) {
                    long wait = at - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    if (at >= measureFrom && sent++ == 0) {
                        cpuFrom = processCpuNanos();
                        millisFrom = System.currentTimeMillis();
                    }
                    due.add(at);
                }
                for (int c = 0; c < CONNECTIONS; c++) due.add(Long.MIN_VALUE);
                senders.shutdown();
                if (!senders.awaitTermination(60, TimeUnit.SECONDS)) senders.shutdownNow();
            } else {
                ExecutorService clients = Executors.newFixedThreadPool(concurrency);
                AtomicInteger sentCount = new AtomicInteger();
                for (int c = 0; c < concurrency; c++) {
                    clients.submit(() -> {
                        for (long t = System.nanoTime(); t < end; t = System.nanoTime()) {
                            int status = post(client, target, bearer);
                            if (t < measureFrom) continue;
                            micros.recordValue(Math.min((System.nanoTime() - t) / 1000, micros.getHighestTrackableValue()));
                            sentCount.incrementAndGet();
                            count(status, ok, errors, statuses);
                        }
                        return null;
                    });
                }
                long wait = measureFrom - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                cpuFrom = processCpuNanos();
                clients.shutdown();
                clients.awaitTermination(warm + duration + 60L, TimeUnit.SECONDS);
                sent = sentCount.get();
            }
        }
        double elapsed = (System.nanoTime() - measureFrom) / 1e9;
        if (timeline != null) {
            int n = Math.min(recorded.get(), capacity);
            StringBuilder csv = new StringBuilder("# measured part began at " + java.time.Instant.ofEpochMilli(millisFrom)
                    + " (" + millisFrom + " ms since the epoch)\ndue_ms,latency_ms,status\n");
            for (int i = 0; i < n; i++) csv.append(String.format("%.1f,%.2f,%d%n", dueNanos[i] / 1e6, latencies[i] / 1e3, codes[i]));
            Files.writeString(timeline, csv);
        }
        return new Result(sent, ok.get(), errors.get(), new TreeMap<>(statuses), elapsed, micros,
                (processCpuNanos() - cpuFrom) / 1e6);
    }

    /** Apache HttpClient 5 with a pool of keep-alive connections, one a sender thread. */
    private static CloseableHttpClient client(int connections) {
        Timeout timeout = Timeout.ofMilliseconds(TIMEOUT_MILLIS);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .build();
    }

    /** Posts one new submission; -1 when the request failed (refused, reset, timed out). */
    private int post(CloseableHttpClient client, URI target, String bearer) {
        HttpPost post = new HttpPost(target);
        post.setHeader("Authorization", "Bearer " + bearer);
        post.setEntity(new ByteArrayEntity(body(), ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of this JVM, all threads: server and client when the server runs in-process. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static void count(int status, AtomicInteger ok, AtomicInteger errors, Map<Integer, Integer> statuses) {
        statuses.merge(status, 1, Integer::sum);
        if (status == 201) ok.incrementAndGet();
        else errors.incrementAndGet();
    }

    /**
     * A new submission id every time, the same ~10 facts: every request is evaluated and stored. The same
     * JSON as {@link #document()}, put together as text so the client spends its CPU on sending.
     */
    private byte[] body() {
        return ("{\"submission\":\"LT-" + run + "-" + sequence.incrementAndGet()
                + "\",\"inspector\":\"INS-07\",\"submittedAt\":\"2022-07-15T16:40:00+08:00\",\"facts\":" + factsJson + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode document() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("submission", "LT-" + run + "-" + sequence.incrementAndGet());
        doc.put("inspector", "INS-07");
        doc.put("submittedAt", "2022-07-15T16:40:00+08:00");
        doc.set("facts", facts);
        return doc;
    }

    /** Ten facts from the samples: five road-cleaning records, four restaurants, one sanitation vehicle. */
    private static ArrayNode facts(Path samples) throws Exception {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (var entry : List.of(Map.entry("road-cleaning.json", 5), Map.entry("restaurants.json", 4), Map.entry("sanitation-fleet.json", 1))) {
            JsonNode doc = Json.MAPPER.readTree(samples.resolve(entry.getKey()).toFile());
            for (int i = 0; i < entry.getValue() && i < doc.get("facts").size(); i++) out.add(doc.get("facts").get(i));
        }
        return out;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
