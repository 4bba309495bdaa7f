package org.lantian.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.lantian.Json;
import org.lantian.domain.Status;
import org.lantian.domain.Submission;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.engine.PackCompiler;
import org.lantian.engine.RuleInfo;
import org.lantian.input.FactReader;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.input.StrictJson;
import org.lantian.pack.Ledger;
import org.lantian.pack.Measure;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import org.lantian.store.FindingQuery;
import org.lantian.store.Principal;
import org.lantian.store.Role;
import org.lantian.store.Store;
import org.lantian.store.StoredSubmission;
import org.lantian.store.Submissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lantian serve}: the HTTP API on the evaluation core and the store. Handlers parse, check who may
 * do what, and call {@link EvaluationService} and {@link Submissions}; every error is a JSON
 * {@code {"error": ...}} without a stack trace (those go to the server's log).
 */
public final class ApiServer implements AutoCloseable {
    public static final String BASE = "/api/v1";
    /** Largest accepted request body: a submission of a few thousand facts fits. */
    public static final int MAX_BODY = 1 << 20;
    public static final int MAX_ID = 200;
    public static final int MAX_PAGE = 1000;
    /** Jetty's request threads, acceptor and selector included. */
    public static final int THREADS = 32;

    public static final List<Route> ROUTES = List.of(
            new Route("GET", BASE + "/health", false),
            new Route("GET", BASE + "/openapi.json", false),
            new Route("POST", BASE + "/submissions", true),
            new Route("GET", BASE + "/submissions/{id}", true),
            new Route("GET", BASE + "/findings", true),
            new Route("GET", BASE + "/ledger", true),
            new Route("GET", BASE + "/ledger/{n}", true),
            new Route("POST", BASE + "/admin/reload", true));

    /** The paths that need no token. */
    private static final java.util.Set<String> OPEN = java.util.Set.of(BASE + "/health", BASE + "/openapi.json");
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PRINCIPAL = "lantian.principal";

    private final Store store;
    private final Path packDir;
    private final AtomicReference<EvaluationService> service;
    /**
     * Evaluations at once: one a core. Posts that wait for the database (PostgreSQL's commit) pile up on
     * the request threads; evaluated all at once they slowed each other down (a third of the CPU went to
     * Drools under load against 0.75 ms a post alone), so the rest wait their turn here.
     */
    private final java.util.concurrent.Semaphore evaluating = new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());
    private final byte[] openApi;
    private final Javalin app;

    private ApiServer(Store store, CompiledPack pack, Path packDir, String host, int port) {
        this.store = store;
        this.packDir = packDir;
        this.service = new AtomicReference<>(new EvaluationService(pack));
        this.openApi = resource("openapi.json");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY;
            // A post is CPU work (validation, Drools, H2) on a small machine: a few dozen threads keep both
            // cores busy, and more only contend (Jetty's default is 250); the rest wait in Jetty's queue.
            QueuedThreadPool threads = new QueuedThreadPool(THREADS, 8);
            threads.setName("lantian-http");
            config.jetty.threadPool = threads;
            config.routes.before(BASE + "/*", this::authenticate);
            config.routes.get(BASE + "/health", this::health);
            config.routes.get(BASE + "/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
            config.routes.post(BASE + "/submissions", this::postSubmission);
            config.routes.get(BASE + "/submissions/{id}", this::getSubmission);
            config.routes.get(BASE + "/findings", this::findings);
            config.routes.get(BASE + "/ledger", this::ledger);
            config.routes.get(BASE + "/ledger/{n}", this::measure);
            config.routes.post(BASE + "/admin/reload", this::reload);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.extra));
            // A rule that throws on this input, or an evaluation out of time: the input's matter, not the server's.
            config.routes.exception(EvaluationFailedException.class, (e, ctx) -> error(ctx, 422,
                    "the submission could not be evaluated: " + e.getMessage(), e.rule() == null ? Map.of() : Map.of("rule", e.rule())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), Map.of()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server's log has the details", Map.of());
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

    /** The routes Javalin actually has (not before-handlers): what the OpenAPI test holds against ROUTES. */
    public List<Route> registeredRoutes() {
        List<Route> out = new ArrayList<>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (!e.endpoint.method.isHttpMethod()) continue;
            String path = e.endpoint.path;
            out.add(new Route(e.endpoint.method.toString(), path, !OPEN.contains(path)));
        }
        return out;
    }

    public CompiledPack pack() {
        return service.get().pack();
    }

    @Override
    public void close() {
        app.stop();
    }

    // --- who may do what ---------------------------------------------------------------------------

    private void authenticate(Context ctx) throws SQLException {
        if (OPEN.contains(ctx.path())) return;
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "a bearer token is needed: Authorization: Bearer <token>");
        }
        Principal p = store.tokens().lookup(header.substring(7).trim()).orElse(null);
        if (p == null) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiError(401, "unknown or revoked token");
        }
        ctx.attribute(PRINCIPAL, p);
    }

    private static Principal principal(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(PRINCIPAL));
    }

    private static Principal require(Context ctx, Role... roles) {
        Principal p = principal(ctx);
        for (Role r : roles) if (p.role() == r) return p;
        throw ApiError.forbidden("a " + p.role() + " token may not do this");
    }

    // --- handlers ----------------------------------------------------------------------------------

    private void health(Context ctx) {
        boolean db = store.healthy();
        CompiledPack pack = pack();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db ? "ok" : "unavailable");
        body.put("store", db ? "ok" : "unavailable");
        body.put("pack", pack.ledger().pack());
        body.put("packHash", pack.hash());
        body.put("rules", pack.rules().size());
        send(ctx, db ? 200 : 503, body);
    }

    private void postSubmission(Context ctx) throws SQLException {
        Principal who = require(ctx, Role.INSPECTOR, Role.ADMIN);
        JsonNode document = readBody(ctx);
        Submission submission;
        try {
            submission = service.get().reader().readSubmission(document);
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
        List<Problem> sizes = new ArrayList<>();
        if (submission.submission().length() > MAX_ID) {
            sizes.add(new Problem("/submission", "submission", "an id of at most " + MAX_ID + " characters",
                    submission.submission().length() + " characters"));
        }
        if (submission.inspector().length() > MAX_ID) {
            sizes.add(new Problem("/inspector", "submission " + submission.submission(),
                    "an inspector id of at most " + MAX_ID + " characters", submission.inspector().length() + " characters"));
        }
        if (!sizes.isEmpty()) throw invalid(sizes);
        if (who.role() == Role.INSPECTOR && !submission.inspector().equals(who.inspector())) {
            throw ApiError.forbidden("this token posts for inspector " + who.inspector() + ", not " + submission.inspector());
        }
        String hash = Submissions.contentHash(document);
        // No look-up of the id first: insert() answers a re-post (SAME or CONFLICT) from the stored row when
        // the id is taken, so a new post, the common case, costs one round trip instead of two.
        LocalDate asOf;
        try {
            asOf = asOf(ctx, submission, service.get().reader());
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
        EvaluationService evaluation = service.get();
        CheckReport report;
        String reportJson;
        evaluating.acquireUninterruptibly();
        try {
            report = evaluation.check(submission, asOf);
            reportJson = json(report);
        } finally {
            evaluating.release();
        }
        var posted = store.submissions().insert(new Submissions.NewSubmission(submission.submission(), submission.inspector(),
                hash, OffsetDateTime.now(ZoneOffset.UTC), asOf, evaluation.pack().hash(), document.toString(),
                reportJson, report.findings()));
        answer(ctx, submission.submission(), posted);
    }

    private static void answer(Context ctx, String id, Submissions.Posted posted) {
        switch (posted.outcome()) {
            case CREATED -> ctx.status(201).header("Location", BASE + "/submissions/" + id).contentType(JSON).result(posted.report());
            case SAME -> ctx.status(200).contentType(JSON).result(posted.report());
            case CONFLICT -> throw new ApiError(409, "submission " + id + " is stored already with different content");
        }
    }

    /** The as-of date: ?asOf=, else the day the inspector submitted (in the ledger's zone), else today there. */
    private static LocalDate asOf(Context ctx, Submission s, FactReader reader) throws InvalidInputException {
        String given = ctx.queryParam("asOf");
        if (given != null) return reader.asOf(given, "asOf");
        if (s.submittedAt() != null) return reader.asOf(s.submittedAt().atZoneSameInstant(Store.ZONE).toLocalDate(), "/submittedAt");
        return reader.asOf(LocalDate.now(Store.ZONE), "asOf");
    }

    private void getSubmission(Context ctx) throws SQLException {
        Principal who = require(ctx, Role.INSPECTOR, Role.ADMIN);
        String id = ctx.pathParam("id");
        StoredSubmission s = store.submissions().get(id).orElseThrow(() -> ApiError.notFound("no submission " + id));
        if (who.role() == Role.INSPECTOR && !s.inspector().equals(who.inspector())) {
            throw ApiError.forbidden("submission " + id + " is not inspector " + who.inspector() + "'s");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("submission", s.id());
        body.put("inspector", s.inspector());
        body.put("postedAt", s.postedAt().toString());
        body.put("postedOn", s.postedOn().toString());
        body.put("asOf", s.asOf().toString());
        body.put("packHash", s.packHash());
        body.putRawValue("document", new RawValue(s.document()));
        body.putRawValue("report", new RawValue(s.report()));
        send(ctx, 200, body);
    }

    private void findings(Context ctx) throws SQLException {
        Principal who = principal(ctx);
        String unit = ctx.queryParam("unit");
        String inspector = null;
        if (who.role() == Role.UNIT) {
            if (unit != null && !unit.equals(who.unit())) throw ApiError.forbidden("this token reads the findings of " + who.unit() + " only");
            unit = who.unit();
        } else if (who.role() == Role.INSPECTOR) {
            inspector = who.inspector();
        }
        String status = ctx.queryParam("status");
        if (status != null) {
            try {
                Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("status: expected one of " + List.of(Status.values()) + ", found \"" + status + "\"");
            }
        }
        int limit = integer(ctx, "limit", 100, 1, MAX_PAGE);
        int offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        String measure = ctx.queryParam("measure");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        FindingQuery q = new FindingQuery(measure == null ? null : integer(ctx, "measure", 0, 1, 10_000), unit, status,
                ctx.queryParam("subject"), from == null ? null : date("from", from), to == null ? null : date("to", to),
                inspector, limit + 1, offset);
        List<String> rows = store.submissions().findings(q);
        boolean more = rows.size() > limit;
        StringBuilder out = new StringBuilder("{\"findings\":[");
        for (int i = 0; i < Math.min(limit, rows.size()); i++) out.append(i == 0 ? "" : ",").append(rows.get(i));
        out.append("],\"limit\":").append(limit).append(",\"offset\":").append(offset)
                .append(",\"next\":").append(more ? String.valueOf(offset + limit) : "null").append('}');
        ctx.status(200).contentType(JSON).result(out.toString());
    }

    private void ledger(Context ctx) {
        CompiledPack pack = pack();
        Ledger ledger = pack.ledger();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("pack", ledger.pack());
        body.put("title", ledger.title());
        body.put("year", ledger.year());
        body.put("packHash", pack.hash());
        ArrayNode measures = body.putArray("measures");
        for (Measure m : ledger.measures()) {
            ObjectNode n = measures.addObject();
            n.put("number", m.number());
            n.put("category", m.category());
            n.put("summary", m.summary());
            n.put("deadline", m.deadline().describe(ledger));
            n.set("units", Json.MAPPER.valueToTree(m.units()));
            n.set("rules", Json.MAPPER.valueToTree(pack.rulesOf(m.number()).stream().map(RuleInfo::id).toList()));
        }
        send(ctx, 200, body);
    }

    private void measure(Context ctx) {
        CompiledPack pack = pack();
        String n = ctx.pathParam("n");
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("a measure number, found \"" + n + "\"");
        }
        if (!pack.ledger().hasMeasure(number)) throw ApiError.notFound("the ledger has no measure " + number);
        ObjectNode body = Json.MAPPER.valueToTree(pack.ledger().measure(number));
        body.put("deadlineSummary", pack.ledger().measure(number).deadline().describe(pack.ledger()));
        body.set("rules", Json.MAPPER.valueToTree(pack.rulesOf(number)));
        send(ctx, 200, body);
    }

    /** Compiles the pack from disk and swaps it in; a pack that fails to compile is refused and the old one stays. */
    private void reload(Context ctx) {
        require(ctx, Role.ADMIN);
        CompiledPack fresh;
        try {
            fresh = PackCompiler.compile(RulePack.load(packDir));
        } catch (PackException e) {
            LOG.warn("reload refused: {}", e.getMessage());
            throw new ApiError(422, "the pack in " + packDir + " does not compile; the one in use stays",
                    Map.of("errors", e.errors(), "packHash", pack().hash()));
        }
        service.set(new EvaluationService(fresh));
        LOG.info("pack reloaded from {}: {} rules, hash {}", packDir, fresh.rules().size(), fresh.hash());
        send(ctx, 200, Map.of("pack", fresh.ledger().pack(), "packHash", fresh.hash(), "rules", fresh.rules().size()));
    }

    // --- plumbing ----------------------------------------------------------------------------------

    /** Reads the body as JSON, refusing more than MAX_BODY bytes whether or not Content-Length says so. */
    private static JsonNode readBody(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > MAX_BODY) throw tooLarge();
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY) throw tooLarge();
        try {
            return StrictJson.parse(body);
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "the body is larger than " + MAX_BODY + " bytes");
    }

    /** 400 with every problem, as the CLI lists them: pointer, record, expected, found, and the line it prints. */
    private static ApiError invalid(List<Problem> problems) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pointer", p.pointer());
            m.put("record", p.record());
            m.put("expected", p.expected());
            m.put("found", p.found());
            m.put("text", p.describe());
            list.add(m);
        }
        return new ApiError(400, "invalid submission, " + problems.size() + " problem(s)", Map.of("problems", list));
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + ": expected a date YYYY-MM-DD, found \"" + text + "\"");
        }
    }

    private static int integer(Context ctx, String name, int absent, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) return absent;
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest(name + ": expected a whole number from " + min + " to " + max + ", found \"" + text + "\"");
    }

    private static void error(Context ctx, int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null || message.isBlank() ? "HTTP " + status : message);
        body.putAll(extra);
        send(ctx, status, body);
    }

    private static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(json(body));
    }

    private static String json(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
