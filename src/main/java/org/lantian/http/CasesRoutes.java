package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lantian.domain.Case;
import org.lantian.domain.CaseStatus;
import org.lantian.store.Cases;
import org.lantian.store.Principal;
import org.lantian.store.Role;

/**
 * {@code /cases}: rectification cases (docs/cases.md), listed OVERDUE first, read with their events, verified by
 * inspectors. A UNIT token sees the cases of its unit only; another case is 404, as an unknown one.
 */
final class CasesRoutes {
    static final String PATH = BASE + "/cases";
    private static final int MAX_NOTE = 2000;

    private final ServerState state;

    CasesRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::list, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
        routes.get(PATH + "/{id}", this::get, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
        routes.post(PATH + "/{id}/verify", this::verify, ApiRole.INSPECTOR, ApiRole.ADMIN);
    }

    private void list(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        String unit = Params.text(ctx, "unit");
        if (who.role() == Role.UNIT) {
            if (unit != null && !unit.equals(who.unit())) throw ApiError.forbidden("this token reads the cases of " + who.unit() + " only");
            unit = who.unit();
        }
        CaseStatus status = Params.caseStatus(ctx);
        Integer measure = Params.measure(ctx);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        List<Case> rows = state.store.cases().list(new Cases.Filter(unit, status, measure, Params.text(ctx, "rule"),
                Params.text(ctx, "subject")), limit + 1, offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cases", rows.subList(0, Math.min(limit, rows.size())));
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("next", rows.size() > limit ? offset + limit : null);
        ctx.json(body);
    }

    private void get(Context ctx) throws SQLException {
        Case k = visible(ctx);
        ctx.json(withEvents(k));
    }

    private void verify(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        Case k = visible(ctx);
        JsonNode body = Bodies.object(ctx, Set.of("result", "note"));
        String result = Bodies.text(body, "result", true, 20);
        if (!"CLOSED".equals(result) && !"REOPENED".equals(result)) {
            throw ApiError.badRequest("result: expected \"CLOSED\" or \"REOPENED\", found \"" + result + "\"");
        }
        String note = Bodies.text(body, "note", false, MAX_NOTE);
        try {
            Case moved = state.store.cases().verify(k.id(), result.equals("CLOSED"), note, who.tokenId(), who.role().name())
                    .orElseThrow(() -> unknown(ctx.pathParam("id")));
            ctx.json(withEvents(moved));
        } catch (Cases.NotVerifiable e) {
            throw new ApiError(409, e.getMessage());
        }
    }

    /** The case of the path, when the caller may see it; otherwise 404, whether it exists or not. */
    private Case visible(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        String id = ctx.pathParam("id");
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw unknown(id);
        }
        Case k = state.store.cases().find(n).orElseThrow(() -> unknown(id));
        if (who.role() == Role.UNIT && !k.units().contains(who.unit())) throw unknown(id);
        return k;
    }

    private static ApiError unknown(String id) {
        return ApiError.notFound("no case " + id);
    }

    private Map<String, Object> withEvents(Case k) throws SQLException {
        Map<String, Object> out = Bodies.fields(k);
        out.put("events", state.store.cases().events(k.id()));
        return out;
    }
}
