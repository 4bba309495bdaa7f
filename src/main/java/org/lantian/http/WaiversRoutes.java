package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.lantian.domain.Waiver;
import org.lantian.store.Principal;
import org.lantian.store.Waivers;

/** {@code /waivers}: admins grant and revoke waivers (docs/cases.md); admins and inspectors list them. */
final class WaiversRoutes {
    static final String PATH = BASE + "/waivers";
    private static final Set<String> FIELDS = Set.of("rule", "measure", "subject", "town", "from", "to", "reason", "approver",
            "document");

    private final ServerState state;

    WaiversRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::create, ApiRole.ADMIN);
        routes.get(PATH, this::list, ApiRole.INSPECTOR, ApiRole.ADMIN);
        routes.delete(PATH + "/{id}", this::revoke, ApiRole.ADMIN);
    }

    private void create(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        JsonNode body = Bodies.object(ctx, FIELDS);
        Waivers.Grant grant = new Waivers.Grant(Bodies.text(body, "rule", false, 200), Bodies.integer(body, "measure", 1, Params.MAX_MEASURE),
                Bodies.text(body, "subject", false, 1000), Bodies.text(body, "town", false, 200), Bodies.date(body, "from"),
                Bodies.date(body, "to"), Bodies.text(body, "reason", true, 2000), Bodies.text(body, "approver", true, 200),
                Bodies.text(body, "document", true, 200));
        String problem = state.service().problem(grant);
        if (problem != null) throw ApiError.badRequest(problem);
        Waiver w = state.store.waivers().create(grant, who.tokenId());
        ctx.status(201).header("Location", PATH + "/" + w.id()).json(w);
    }

    private void list(Context ctx) throws SQLException {
        ctx.json(Map.of("waivers", state.store.waivers().list()));
    }

    private void revoke(Context ctx) throws SQLException {
        Principal who = ServerState.principal(ctx);
        String id = ctx.pathParam("id");
        Waiver w = state.store.waivers().find(id).orElseThrow(() -> ApiError.notFound("no waiver " + id));
        if (w.revokedAt() != null) throw new ApiError(409, "waiver " + id + " was revoked at " + w.revokedAt());
        state.store.waivers().revoke(id, who.tokenId());
        ctx.json(state.store.waivers().find(id).orElseThrow());
    }
}
