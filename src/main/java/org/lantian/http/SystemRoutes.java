package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lantian.Json;
import org.lantian.engine.CompiledPack;
import org.lantian.input.SubmissionSchema;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;
import org.lantian.service.EvaluationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server itself: {@code /health}, {@code /openapi.json}, {@code /schema} and {@code /admin/reload}. */
final class SystemRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SystemRoutes.class);

    private final ServerState state;
    private final byte[] openApi = openApi();
    private final byte[] schema = json(SubmissionSchema.submission());

    SystemRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(BASE + "/health", this::health, ApiRole.ANYONE);
        routes.get(BASE + "/openapi.json", ctx -> ctx.contentType(ApiServer.JSON).result(openApi), ApiRole.ANYONE);
        routes.get(BASE + "/schema", ctx -> ctx.contentType("application/schema+json; charset=utf-8").result(schema), ApiRole.ANYONE);
        routes.post(BASE + "/admin/reload", this::reload, ApiRole.ADMIN);
    }

    private void health(Context ctx) {
        boolean db = state.store.healthy();
        CompiledPack pack = state.service().pack();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db ? "ok" : "unavailable");
        body.put("store", db ? "ok" : "unavailable");
        body.put("pack", pack.ledger().pack());
        body.put("packHash", pack.hash());
        body.put("rules", pack.rules().size());
        ctx.status(db ? 200 : 503).json(body);
    }

    /** Compiles the pack from disk and swaps it in; a pack that fails to compile is refused and the old one stays. */
    private void reload(Context ctx) {
        CompiledPack fresh;
        try {
            fresh = PackCompiler.compile(RulePack.load(state.packDir));
        } catch (PackException e) {
            LOG.warn("reload refused: {}", e.getMessage());
            throw new ApiError(422, "the pack in " + state.packDir + " does not compile; the one in use stays",
                    Map.of("errors", e.errors(), "packHash", state.service().pack().hash()));
        }
        state.service.set(new EvaluationService(fresh));
        LOG.info("pack reloaded from {}: {} rules, hash {}", state.packDir, fresh.rules().size(), fresh.hash());
        ctx.json(Map.of("pack", fresh.ledger().pack(), "packHash", fresh.hash(), "rules", fresh.rules().size()));
    }

    /**
     * openapi.json with the submission's schema as SubmissionSchema generates it from the fact records: the
     * Submission component and one component per fact type (typed facts, not free objects).
     */
    private static byte[] openApi() {
        try {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(resource("openapi.json"));
            ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
            schemas.set("Submission", SubmissionSchema.submission("#/components/schemas/"));
            SubmissionSchema.facts().forEach(schemas::set);
            return json(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(Object node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
