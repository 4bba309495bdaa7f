package org.lantian.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.domain.Case;
import org.lantian.domain.CaseStatus;
import org.lantian.store.Cases;
import org.lantian.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian cases}: the store's rectification cases, OVERDUE first (docs/cases.md). */
@Command(name = "cases", description = "List the rectification cases (限期整改) in the store, OVERDUE first, then by due day.")
final class CasesCommand implements Callable<Integer> {
    @Option(names = "--unit", paramLabel = "UNIT", description = "Only cases assigned to this unit (exact name).")
    String unit;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only cases in this status: ${COMPLETION-CANDIDATES}.")
    CaseStatus status;

    @Option(names = "--measure", paramLabel = "N", description = "Only cases of this measure.")
    Integer measure;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DbOption db;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) throw new Main.UserError("--limit must be at least 1");
        try (Store store = DbOption.openExisting(db.url)) {
            List<Case> cases = store.cases().list(new Cases.Filter(unit, status, measure, null, null), limit, 0);
            Table t = new Table("id", "status", "measure", "rule", "subject", "opened", "due", "repeats", "units", "waiver");
            for (Case k : cases) {
                t.row(k.id(), k.status(), k.measure(), k.rule(), k.subject(), k.openedOn(), k.dueOn(), k.repeats(),
                        String.join("、", k.units()), k.waiver() == null ? "" : k.waiver());
            }
            output.out().print(t.render());
            output.err().println(cases.size() + " case(s)" + (cases.size() == limit ? " (the first " + limit + "; --limit shows more)" : ""));
        }
        return Main.OK;
    }
}
