package org.lantian.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.lantian.batch.Bulletin;
import org.lantian.store.Store;
import org.lantian.store.StoreException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian bulletin --db URL --month 2022-06 --out DIR}: the bulletin (通报) of a period from the nightly scorecards. */
@Command(name = "bulletin", description = {
        "Write bulletin.html, bulletin.xlsx and bulletin.json for a week, month or quarter from the nightly scorecards the "
                + "batch keeps in the store: units ranked by compliance with the change against the period before, the "
                + "measures most failed, subjects failing again and again."})
final class BulletinCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "URL", required = true, description = "The store the nightly batch records into (JDBC URL).")
    String db;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Period period;

    static final class Period {
        @Option(names = "--week", paramLabel = "YYYY-Www", description = "An ISO week, e.g. 2022-W26.")
        String week;

        @Option(names = "--month", paramLabel = "YYYY-MM", description = "A month, e.g. 2022-06.")
        String month;

        @Option(names = "--quarter", paramLabel = "YYYY-Qn", description = "A quarter, e.g. 2022-Q2.")
        String quarter;
    }

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        String kind = period.week != null ? "week" : period.month != null ? "month" : "quarter";
        Bulletin.Span span;
        try {
            span = Bulletin.Span.parse(kind, period.week != null ? period.week : period.month != null ? period.month : period.quarter);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage());
        }
        var ledger = pack.compile().ledger();
        Bulletin b;
        try (Store store = Store.openExisting(db, 2)) {
            b = Bulletin.of(store, ledger, kind, span);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        } catch (SQLException e) {
            throw new Main.UserError("cannot read the scorecards in the store: " + e.getMessage());
        }
        b.write(out);
        output.err().printf("bulletin %s (%s..%s): %d nights, %d units, %d measures failed, %d subjects failing again and again; %s%n",
                span.label(), span.from(), span.to(), b.nights(), b.units().size(), b.measures().size(), b.repeated().size(), out);
        return Main.OK;
    }
}
