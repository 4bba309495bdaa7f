package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lantian.Json;
import org.lantian.domain.Submission;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.input.StrictJson;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import org.lantian.store.Principal;
import org.lantian.store.Role;
import org.lantian.store.StoredSubmission;

/** {@code /submissions}: an inspector posts a submission and reads it back with its findings. */
final class SubmissionsRoutes {
    /** Largest accepted request body: a submission of a few thousand facts fits. */
    static final int MAX_BODY = 1 << 20;
    static final String PATH = BASE + "/submissions";

    private final ServerState state;

    SubmissionsRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::post, ApiRole.INSPECTOR, ApiRole.ADMIN);
        routes.get(PATH + "/{id}", this::get, ApiRole.INSPECTOR, ApiRole.ADMIN);
    }

    private void post(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        // The body is read to its end before anything is refused: answering while the client still sends makes
        // Jetty close the connection, and a client busy sending a large body sees no answer at all.
        JsonNode document = readBody(ctx);
        LocalDate givenAsOf = Params.date(ctx, "asOf");
        EvaluationService service = state.service();
        Submission submission;
        try {
            submission = service.validate(document);
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
        if (who.role() == Role.INSPECTOR && !submission.inspector().equals(who.inspector())) {
            throw ApiError.forbidden("this token posts for inspector " + who.inspector() + ", not " + submission.inspector());
        }
        LocalDate asOf;
        try {
            asOf = service.validateAsOf(givenAsOf != null ? givenAsOf : service.asOf(submission),
                    givenAsOf != null ? "asOf" : submission.submittedAt() != null ? "/submittedAt" : "asOf");
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
        CheckReport report;
        String reportJson;
        state.evaluating.acquireUninterruptibly();
        try {
            // Judged with the store's history of the periods the post touches and its waivers; its facts are recorded
            // with it and its findings move the cases, in one transaction.
            report = service.check(submission, asOf, state.store);
            reportJson = ctx.jsonMapper().toJsonString(report, CheckReport.class);
        } finally {
            state.evaluating.release();
        }
        var posted = service.record(state.store, submission, document, asOf, report, reportJson, who.tokenId(), who.role().name());
        String id = submission.submission();
        switch (posted.outcome()) {
            case CREATED -> ctx.status(201).header("Location", location(id)).contentType(ApiServer.JSON).result(posted.report());
            case SAME -> ctx.status(200).contentType(ApiServer.JSON).result(posted.report());
            case CONFLICT -> throw new ApiError(409, "submission " + id + " is stored already with different content");
        }
    }

    /** Where a stored submission is read: its id percent-encoded as one path segment ("/", "?", "#", "%" included). */
    static String location(String id) {
        String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        // "." and ".." would be resolved away by a client as dot segments.
        if (segment.equals(".") || segment.equals("..")) segment = segment.replace(".", "%2E");
        return PATH + "/" + segment;
    }

    private void get(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        String id = ctx.pathParam("id");
        StoredSubmission s = state.store.submissions().get(id).orElseThrow(() -> ApiError.notFound("no submission " + id));
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
        ctx.json(body);
    }

    /**
     * Reads the body as one JSON document, refusing more than MAX_BODY bytes whether or not Content-Length
     * says so; a body that ends early, is badly chunked or is not JSON is a 400.
     */
    private static JsonNode readBody(Context ctx) {
        if (ctx.contentLength() > MAX_BODY) throw tooLarge();
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            throw ApiError.badRequest("the request body could not be read to its end (shorter than its Content-Length,"
                    + " cut off or badly chunked); send the whole document again");
        }
        if (body.length > MAX_BODY) throw tooLarge();
        try {
            return StrictJson.parse(body); // one document, every key once, numbers as written, plain error texts
        } catch (InvalidInputException e) {
            throw invalid(e.problems());
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "the body is larger than " + MAX_BODY + " bytes");
    }

    /** 400 with every problem, as the CLI lists them: pointer, record, expected, found, and the line it prints. */
    static ApiError invalid(List<Problem> problems) {
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
}
