package org.lantian.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.lantian.Json;
import org.lantian.store.Outbox;
import org.lantian.store.Outbox.Pending;

/**
 * Sends the outbox's due alerts to their units' webhooks (docs/alerts.md): at least once, with the
 * idempotency key as a header and a body field, retried with exponential backoff until the robot takes it.
 * A unit's alerts go in the order written: after one fails, the unit's later ones wait for the next round.
 * Uses the JDK's HTTP client: one POST with timeouts needs nothing more.
 */
public final class Delivery {
    public static final String KEY_HEADER = "Idempotency-Key";
    /** At most this many alerts are read per round. */
    static final int ROUND = 500;

    /**
     * firstRetry: the wait after the first failure, doubled after each further one up to maxRetry; lease: how
     * long an attempt holds its alert from other workers; timeout: of one request; perMinute: alerts a webhook
     * gets in a minute at most (DingTalk takes 20 from a robot, then refuses it for ten minutes).
     */
    public record Settings(Duration firstRetry, Duration maxRetry, Duration lease, Duration timeout, int perMinute) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(2),
                Duration.ofSeconds(10), 20);
    }

    /** What a round did: sent, failed (to be retried), dropped (no webhook), left for a later round (ordering, rate). */
    public record Round(int sent, int failed, int dropped, int deferred) {
    }

    private final Outbox outbox;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;

    public Delivery(Outbox outbox, Settings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The wait after the n-th failed attempt (n >= 1): firstRetry x 2^(n-1), at most maxRetry. */
    public static Duration backoff(Settings s, int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = s.firstRetry().multipliedBy(1L << doublings);
        return d.compareTo(s.maxRetry()) > 0 || d.isNegative() ? s.maxRetry() : d;
    }

    /** Sends what is due now, once each. */
    public Round deliverDue() throws SQLException, InterruptedException {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Set<String> held = new HashSet<>();
        Map<String, Integer> budget = new HashMap<>();
        int sent = 0, failed = 0, dropped = 0, deferred = 0;
        for (Pending p : outbox.due(now, ROUND)) {
            if (p.url() == null) {
                outbox.dropped(p.id(), "unit " + p.unit() + " has no webhook any more");
                dropped++;
                continue;
            }
            if (held.contains(p.unit())) {
                deferred++;
                continue;
            }
            int left = budget.computeIfAbsent(p.unit(), u -> {
                try {
                    return settings.perMinute() - outbox.sentSince(u, now.minusMinutes(1));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (left <= 0) {
                held.add(p.unit());
                deferred++;
                continue;
            }
            if (!outbox.claim(p, now.plus(settings.lease()))) continue; // another worker has it
            String error = send(p);
            OffsetDateTime after = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            if (error == null) {
                outbox.sent(p.id(), after);
                budget.put(p.unit(), left - 1);
                sent++;
            } else {
                outbox.failed(p.id(), after.plus(backoff(settings, p.attempts() + 1)), error);
                held.add(p.unit());
                failed++;
            }
        }
        return new Round(sent, failed, dropped, deferred);
    }

    /** One attempt: null when the robot took it, else why not. */
    private String send(Pending p) throws InterruptedException {
        String body = Messages.body(p.webhook(), p.title(), p.markdown(), p.key());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(p.url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8").header(KEY_HEADER, p.key())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (IllegalArgumentException e) {
            return "the webhook's address is not a usable URL; set it again"; // the message would show the robot's secret
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return "no answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) return "HTTP " + status + ": " + excerpt(response.body());
        // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}, and 200 with another errcode when they refuse.
        try {
            JsonNode answer = Json.MAPPER.readTree(response.body());
            if (answer != null && answer.has("errcode") && answer.get("errcode").asInt() != 0) {
                return "refused: errcode " + answer.get("errcode").asText() + " " + answer.path("errmsg").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: a plain 2xx receiver
        }
        return null;
    }

    private static String excerpt(String body) {
        if (body == null) return "";
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
