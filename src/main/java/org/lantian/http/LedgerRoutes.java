package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.lantian.Json;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.RuleInfo;
import org.lantian.pack.Ledger;
import org.lantian.pack.Measure;

/** {@code /ledger}: the measures of the pack in use, with their deadlines, units and rules. */
final class LedgerRoutes {
    private final ServerState state;

    LedgerRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(BASE + "/ledger", this::list, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
        routes.get(BASE + "/ledger/{n}", this::measure, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
    }

    private void list(Context ctx) {
        CompiledPack pack = state.service().pack();
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
        ctx.json(body);
    }

    private void measure(Context ctx) {
        CompiledPack pack = state.service().pack();
        int number = ctx.pathParamAsClass("n", Integer.class).getOrThrow(errors ->
                ApiError.badRequest("a measure number, found \"" + ctx.pathParam("n") + "\""));
        if (!pack.ledger().hasMeasure(number)) throw ApiError.notFound("the ledger has no measure " + number);
        ObjectNode body = Json.MAPPER.valueToTree(pack.ledger().measure(number));
        body.put("deadlineSummary", pack.ledger().measure(number).deadline().describe(pack.ledger()));
        body.set("rules", Json.MAPPER.valueToTree(pack.rulesOf(number)));
        ctx.json(body);
    }
}
