package org.lantian.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lantian.Json;
import org.lantian.engine.PackCompiler;
import org.lantian.impact.Impact;
import org.lantian.input.InvalidInputException;
import org.lantian.pack.RulePack;
import org.lantian.service.EvaluationService;
import org.lantian.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lantian impact --rules NEW_PACK --db URL --from D1 --to D2 [--json FILE]}: the findings a proposed pack
 * would change on the store's history, before {@code admin/reload}.
 */
@Command(name = "impact", description = {
        "Judge the store's history from --from to --to again with a proposed rule pack and with the current one, and list "
                + "the findings that would change (rule, subject, period, old -> new status) with counts per measure and "
                + "responsible unit. Exit 0 when nothing changes, 1 when something does, 2 on errors."})
final class ImpactCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "NEW_PACK", required = true, description = "The proposed rule pack folder.")
    Path proposed;

    @Option(names = "--current", paramLabel = "DIR",
            description = "The pack in use to compare with (default: the bundled chengqu-2022, as the other commands use).")
    Path current;

    @Option(names = "--db", paramLabel = "URL", required = true, description = "The store whose history is judged again (JDBC URL, as serve's --db).")
    String db;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "First day judged again.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true, description = "Last day judged again (inclusive).")
    String to;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON to FILE.")
    Path json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Changed findings listed in the terminal (default: ${DEFAULT-VALUE}; --json lists all).")
    int limit;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        if (limit < 0) throw new Main.UserError("--limit must be 0 or more, got " + limit);
        Path currentDir = current != null ? current : PackOption.defaultPack();
        EvaluationService now = new EvaluationService(PackCompiler.compile(RulePack.load(currentDir)));
        EvaluationService next = new EvaluationService(PackCompiler.compile(RulePack.load(proposed)));
        LocalDate first;
        LocalDate last;
        try {
            first = now.validateAsOf(from, "--from");
            last = now.validateAsOf(to, "--to");
        } catch (InvalidInputException e) {
            throw new Main.UserError(e.problems().get(0).describe());
        }
        if (last.isBefore(first)) throw new Main.UserError("--to " + last + " is before --from " + first);
        Impact.Result r;
        try (Store store = DbOption.openExisting(db)) {
            try {
                r = Impact.of(store.history(), now, next, first, last, line -> output.err().println(line));
            } catch (SQLException e) {
                throw new Main.UserError("cannot read the history in the store at " + store.describe() + ": " + e.getMessage());
            } catch (IllegalStateException e) {
                throw new Main.UserError(e.getMessage());
            }
        }
        print(r, currentDir);
        if (json != null) write(r, currentDir);
        return r.changes().isEmpty() ? Main.OK : Main.FAILED;
    }

    private void print(Impact.Result r, Path currentDir) {
        var out = output.out();
        out.printf("impact of %s against %s, %s..%s: %d days judged, %,d facts; findings %,d now, %,d proposed; %d would change%n",
                proposed, currentDir, r.from(), r.to(), r.days().size(), r.facts(), r.currentFindings(), r.proposedFindings(),
                r.changes().size());
        if (r.changes().isEmpty()) return;
        Table t = new Table("措施 measure", "规则 rule", "对象 subject", "期间 period", "判定日 day", "现 now -> 拟 proposed", "责任单位 units");
        r.changes().stream().limit(limit).forEach(c -> t.row(c.measure(), c.rule(), c.subject(),
                c.period() == null ? "" : c.period().from() + ".." + c.period().to(), c.day(), c.transition(), String.join("、", c.units())));
        out.print(t.render());
        if (r.changes().size() > limit) out.printf("… %d more (--json FILE lists all)%n", r.changes().size() - limit);
        Table m = new Table("措施 measure", "变化 changed");
        r.byMeasure().forEach((k, v) -> m.row(k, v));
        out.print("\n" + m.render());
        Table u = new Table("责任单位 unit", "变化 changed");
        r.byUnit().forEach((k, v) -> u.row(k, v));
        out.print("\n" + u.render());
        Table s = new Table("现 now -> 拟 proposed", "变化 changed");
        r.byTransition().forEach((k, v) -> s.row(k, v));
        out.print("\n" + s.render());
    }

    private void write(Impact.Result r, Path currentDir) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("current", currentDir.toString());
        doc.put("proposed", proposed.toString());
        doc.put("from", r.from());
        doc.put("to", r.to());
        doc.put("days", r.days());
        doc.put("facts", r.facts());
        doc.put("findings", Map.of("current", r.currentFindings(), "proposed", r.proposedFindings()));
        doc.put("changed", r.changes().size());
        doc.put("byMeasure", r.byMeasure());
        doc.put("byUnit", r.byUnit());
        doc.put("byTransition", r.byTransition());
        doc.put("changes", r.changes());
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), doc);
    }
}
