package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.lantian.domain.Status;
import org.lantian.store.FindingQuery;
import org.lantian.store.Principal;
import org.lantian.store.Role;

/** {@code /findings}: stored findings, filtered and paged; a UNIT token sees its unit's, an INSPECTOR token its own. */
final class FindingsRoutes {
    private final ServerState state;

    FindingsRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(BASE + "/findings", this::list, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
    }

    private void list(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        String unit = Params.text(ctx, "unit");
        String inspector = null;
        if (who.role() == Role.UNIT) {
            if (unit != null && !unit.equals(who.unit())) throw ApiError.forbidden("this token reads the findings of " + who.unit() + " only");
            unit = who.unit();
        } else if (who.role() == Role.INSPECTOR) {
            inspector = who.inspector();
        }
        Status status = Params.status(ctx);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        Integer measure = Params.measure(ctx);
        LocalDate from = Params.date(ctx, "from");
        LocalDate to = Params.date(ctx, "to");
        FindingQuery q = new FindingQuery(measure, unit, status == null ? null : status.name(), Params.text(ctx, "subject"),
                from, to, inspector, limit + 1, offset);
        List<String> rows = state.store.submissions().findings(q);
        boolean more = rows.size() > limit;
        // The findings are stored as JSON text: written out as they are, not parsed and serialised again.
        StringBuilder out = new StringBuilder("{\"findings\":[");
        for (int i = 0; i < Math.min(limit, rows.size()); i++) out.append(i == 0 ? "" : ",").append(rows.get(i));
        out.append("],\"limit\":").append(limit).append(",\"offset\":").append(offset)
                .append(",\"next\":").append(more ? String.valueOf(offset + limit) : "null").append('}');
        ctx.contentType(ApiServer.JSON).result(out.toString());
    }
}
