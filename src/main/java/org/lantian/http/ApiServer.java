package org.lantian.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.javalin.validation.ValidationException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.lantian.Json;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.service.EvaluationService;
import org.lantian.store.Principal;
import org.lantian.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lantian serve}: the HTTP API on the evaluation service and the store. Routes are grouped by
 * resource and declare who may call them; one before-handler checks the token against that; every error,
 * Jetty's own included, is a JSON {@code {"error": ...}} without a stack trace (those go to the log).
 */
public final class ApiServer implements AutoCloseable {
    public static final String BASE = "/api/v1";
    public static final int MAX_BODY = SubmissionsRoutes.MAX_BODY;
    public static final int MAX_PAGE = Params.MAX_PAGE;
    /** Jetty's request threads, acceptor and selector included. */
    public static final int THREADS = 32;
    static final String JSON = "application/json; charset=utf-8";

    public static final List<Route> ROUTES = List.of(
            new Route("GET", BASE + "/health", false),
            new Route("GET", BASE + "/openapi.json", false),
            new Route("POST", BASE + "/submissions", true),
            new Route("GET", BASE + "/submissions/{id}", true),
            new Route("GET", BASE + "/findings", true),
            new Route("GET", BASE + "/ledger", true),
            new Route("GET", BASE + "/ledger/{n}", true),
            new Route("POST", BASE + "/admin/reload", true),
            new Route("GET", BASE + "/cases", true),
            new Route("GET", BASE + "/cases/{id}", true),
            new Route("POST", BASE + "/cases/{id}/verify", true),
            new Route("POST", BASE + "/waivers", true),
            new Route("GET", BASE + "/waivers", true),
            new Route("DELETE", BASE + "/waivers/{id}", true));

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ServerState state;
    private final List<Route> registered = new ArrayList<>();
    private final Javalin app;

    private ApiServer(Store store, CompiledPack pack, Path packDir, String host, int port) {
        this.state = new ServerState(store, new EvaluationService(pack), packDir);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            Params.registerConverters(config.validation);
            // A post is CPU work (validation, Drools, the database) on a small machine: a few dozen threads keep
            // both cores busy, and more only contend (Jetty's default is 250); the rest wait in Jetty's queue.
            QueuedThreadPool threads = new QueuedThreadPool(THREADS, 8);
            threads.setName("lantian-http");
            config.jetty.threadPool = threads;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyErrors.InServlets()));
            config.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    registered.add(new Route(h.getHttpMethod().toString(), h.getPath(), !h.getRoles().contains(ApiRole.ANYONE)));
                }
            });
            config.routes.beforeMatched(this::authorize);
            new SystemRoutes(state).addTo(config.routes);
            new SubmissionsRoutes(state).addTo(config.routes);
            new FindingsRoutes(state).addTo(config.routes);
            new LedgerRoutes(state).addTo(config.routes);
            new CasesRoutes(state).addTo(config.routes);
            new WaiversRoutes(state).addTo(config.routes);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.extra));
            // A rule that throws on this input, or an evaluation out of time: the input's matter, not the server's.
            config.routes.exception(EvaluationFailedException.class, (e, ctx) -> error(ctx, 422,
                    "the submission could not be evaluated: " + e.getMessage(), e.rule() == null ? Map.of() : Map.of("rule", e.rule())));
            config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, Params.describe(e), Map.of()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), plain(e.getMessage()), Map.of()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server's log has the details", Map.of());
            });
            // Javalin's own answers without a handler's body (no such route, method not allowed): JSON too.
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path() + " (see " + BASE + "/openapi.json)", Map.of());
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null) error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), Map.of());
            });
        });
        app.start(host, port);
    }

    /** Starts serving on host:port (port 0 picks a free one); {@code packDir} is what reload reads. */
    public static ApiServer start(Store store, CompiledPack pack, Path packDir, String host, int port) {
        return new ApiServer(store, pack, packDir, host, port);
    }

    public int port() {
        return app.port();
    }

    /** The routes as Javalin registered them, with whether each needs a token: what the OpenAPI test holds against ROUTES. */
    public List<Route> registeredRoutes() {
        return List.copyOf(registered);
    }

    public CompiledPack pack() {
        return state.service().pack();
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * Runs before every matched route: the one place that checks who may call it (the roles the route
     * declares against the caller's token), then that its query string is well encoded.
     */
    private void authorize(Context ctx) throws SQLException {
        Set<RouteRole> roles = ctx.routeRoles();
        if (!roles.contains(ApiRole.ANYONE)) ctx.attribute(ServerState.PRINCIPAL, caller(ctx, roles));
        Params.checkEncoding(ctx);
    }

    private Principal caller(Context ctx, Set<RouteRole> roles) throws SQLException {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "a bearer token is needed: Authorization: Bearer <token>");
        }
        Principal p = state.store.tokens().lookup(header.substring(7).trim()).orElse(null);
        if (p == null) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiError(401, "unknown or revoked token");
        }
        if (!roles.contains(ApiRole.of(p.role()))) throw ApiError.forbidden("a " + p.role() + " token may not do this");
        return p;
    }

    private static void error(Context ctx, int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null || message.isBlank() ? "HTTP " + status : message);
        body.putAll(extra);
        ctx.status(status).json(body);
    }

    /** A library's message without its internals: Jackson's class names and source excerpts are cut off. */
    static String plain(String message) {
        if (message == null) return null;
        String m = message.lines().findFirst().orElse("");
        m = m.replaceAll("\\s*\\(?(at )?\\[Source:.*$", "");
        m = m.replaceAll("\\b(com\\.fasterxml|io\\.javalin|org\\.eclipse|java)\\.[\\w.$]+", "");
        return m.strip();
    }
}
