package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lantian.Json;
import org.lantian.alerts.WebhookUnits;
import org.lantian.pack.Ledger;
import org.lantian.store.Outbox;
import org.lantian.store.WebhookKind;
import org.lantian.store.Webhooks;

/** {@code /webhooks}: the admin sets, lists and removes the units' group robots that alerts go to (docs/alerts.md). */
final class WebhooksRoutes {
    static final String PATH = BASE + "/webhooks";

    private final ServerState state;

    WebhooksRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::list, ApiRole.ADMIN);
        routes.put(PATH + "/{unit}", this::set, ApiRole.ADMIN);
        routes.delete(PATH + "/{unit}", this::remove, ApiRole.ADMIN);
    }

    private void list(Context ctx) throws SQLException {
        Map<String, Outbox.UnitCounts> counts = state.store.outbox().counts();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Webhooks.Webhook w : state.store.webhooks().list()) out.add(json(w, counts.get(w.unit())));
        ctx.json(Map.of("webhooks", out));
    }

    private void set(Context ctx) throws SQLException {
        String unit = unit(state.service().pack().ledger(), ctx.pathParam("unit"));
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (Exception e) {
            throw ApiError.badRequest("expected a JSON object {\"url\": \"https://...\", \"kind\": \"DINGTALK\" or \"WECOM\"}");
        }
        if (body == null || !body.isObject() || !body.path("url").isTextual()) {
            throw ApiError.badRequest("url: expected the robot's webhook address as text, in {\"url\": \"https://...\", \"kind\": \"DINGTALK\" or \"WECOM\"}");
        }
        WebhookKind kind = null;
        if (body.hasNonNull("kind")) {
            try {
                kind = WebhookKind.valueOf(body.get("kind").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("kind: expected DINGTALK or WECOM, found \"" + body.get("kind").asText() + "\"");
            }
        }
        boolean created;
        try {
            created = state.store.webhooks().set(unit, body.get("url").asText(), kind, ServerState.principal(ctx).tokenId());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        Webhooks.Webhook w = state.store.webhooks().get(unit).orElseThrow();
        ctx.status(created ? 201 : 200).json(json(w, state.store.outbox().counts().get(unit)));
    }

    private void remove(Context ctx) throws SQLException {
        String unit = ctx.pathParam("unit");
        if (!state.store.webhooks().remove(unit)) throw ApiError.notFound("unit " + unit + " has no webhook");
        ctx.status(204);
    }

    /** The unit as the pack's list names it; a name the list does not know is refused (its alerts would never come). */
    static String unit(Ledger ledger, String given) {
        try {
            return WebhookUnits.canonical(ledger, given);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage(), Map.of("units", WebhookUnits.names(ledger)));
        }
    }

    private static Map<String, Object> json(Webhooks.Webhook w, Outbox.UnitCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", w.unit());
        m.put("url", w.url());
        m.put("kind", w.kind().name());
        m.put("setAt", w.setAt().toString());
        m.put("setBy", w.setBy());
        m.put("pending", c == null ? 0 : c.pending());
        m.put("sent", c == null ? 0 : c.sent());
        m.put("dropped", c == null ? 0 : c.dropped());
        m.put("lastError", c == null ? null : c.lastError());
        return m;
    }
}
