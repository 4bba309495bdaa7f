package org.lantian.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.sql.SQLException;
import java.time.LocalDate;
import org.lantian.Json;
import org.lantian.domain.Submission;
import org.lantian.store.Cases;
import org.lantian.store.Store;
import org.lantian.domain.Evidence;
import org.lantian.domain.Finding;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lantian check FILE}: an inspector's submission in, findings out. */
@Command(name = "check", description = "Check one submission and print its findings.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Submission JSON file, or - for standard input.")
    String file;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluation date YYYY-MM-DD (default: today in the ledger's time zone).")
    String asOf;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh", description = "Message language of the table: zh or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--explain", description = "Under each finding, the facts the rule judged it on and the fields it read (the JSON always has them as \"evidence\").")
    boolean explain;

    @Option(names = "--timings", description = "Print how long loading (or compiling) the pack and evaluating took, on standard error.")
    boolean timings;

    @Option(names = "--db", paramLabel = "URL",
            description = "Judge with the history of this store (a JDBC URL, as serve's --db): its stored facts of the "
                    + "periods the submission touches, and its waivers in force on the as-of day. No fact or finding is recorded; "
                    + "the findings move the store's rectification cases as a post's would (docs/cases.md).")
    String db;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    enum Format { table, json }

    @Override
    public Integer call() throws Exception {
        var date = Inputs.asOf(asOf);
        var document = Inputs.readJson(file);
        long start = System.nanoTime();
        var compiled = pack.compile();
        long compiledAt = System.nanoTime();
        var service = new EvaluationService(compiled);
        LocalDate day = date != null ? date : service.today();
        CheckReport report;
        if (db == null) {
            report = service.check(document, day);
        } else {
            Submission s = service.validate(document);
            try (Store store = DbOption.openExisting(db)) {
                try {
                    report = service.check(s, day, store);
                } catch (SQLException e) {
                    throw new Main.UserError("cannot read the history in the store at " + store.describe() + ": " + e.getMessage());
                }
                try {
                    store.cases().apply(service.moves(report.findings().stream().map(f -> f.withSubmission(s.submission())).toList(),
                            day, Cases.CHECK, null));
                } catch (SQLException e) {
                    throw new Main.UserError("cannot move the cases in the store at " + store.describe() + ": " + e.getMessage());
                }
            }
        }
        if (timings) {
            output.err().printf("pack %s: %d rules ready (from the cache or compiled) in %d ms; %d findings evaluated in %d ms%n",
                    compiled.ledger().pack(), compiled.rules().size(), (compiledAt - start) / 1_000_000,
                    report.findings().size(), (System.nanoTime() - compiledAt) / 1_000_000);
        }
        if (format == Format.json) {
            output.out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            output.out().print(table(report, lang, explain));
        }
        return report.anyFail() ? Main.FAILED : Main.OK;
    }

    static String table(CheckReport report, String lang) {
        return table(report, lang, false);
    }

    static String table(CheckReport report, String lang, boolean explain) {
        boolean en = "en".equals(lang);
        Table t = en ? new Table("measure", "rule", "subject", "status", "observed", "target", "units", "message")
                : new Table("措施", "规则", "对象", "状态", "实测", "目标", "责任单位", "说明");
        for (Finding f : report.findings()) {
            t.row(f.measure(), f.rule(), f.subject(), f.status(), f.observed(), f.target(),
                    String.join(en ? ", " : "、", f.units()), f.message().in(lang));
        }
        StringBuilder out = new StringBuilder();
        out.append(en ? "Submission " : "提交 ").append(report.submission())
                .append(en ? ", as of " : "，评估日期 ").append(report.asOf())
                .append(en ? ", pack " : "，规则包 ").append(report.pack()).append("\n\n");
        if (explain) {
            List<String> lines = t.render().lines().toList();
            out.append(lines.get(0)).append('\n').append(lines.get(1)).append('\n');
            for (int i = 0; i < report.findings().size(); i++) {
                out.append(lines.get(i + 2)).append('\n');
                evidence(out, report.findings().get(i), en);
            }
            out.append('\n');
        } else {
            out.append(t.render()).append('\n');
        }
        out.append(report.summary().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("  "))).append('\n');
        if (!report.measuresWithoutData().isEmpty()) {
            out.append(en ? "Measures with no data in this submission: " : "本次提交无数据的措施：")
                    .append(report.measuresWithoutData().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }

    /** One indented line per fact of the finding's evidence: type, subject, day, submission, then field=value. */
    private static void evidence(StringBuilder out, Finding f, boolean en) {
        List<Evidence> facts = f.evidence() == null ? List.of() : f.evidence();
        if (facts.isEmpty()) {
            out.append(en ? "    evidence: none (the rule's match holds no fact)" : "    依据：无（规则匹配中没有事实）").append('\n');
            return;
        }
        for (Evidence e : facts) {
            out.append(en ? "    evidence: " : "    依据：").append(e.type()).append(' ').append(e.subject());
            List<String> about = new ArrayList<>();
            if (e.day() != null) about.add(e.day().toString());
            if (e.submission() != null) about.add((en ? "submission " : "提交 ") + e.submission());
            if (!about.isEmpty()) out.append(" (").append(String.join(", ", about)).append(')');
            if (!e.fields().isEmpty()) {
                out.append(": ").append(e.fields().entrySet().stream().map(x -> x.getKey() + "=" + (x.getValue() == null ? "—" : Table.text(x.getValue())))
                        .collect(Collectors.joining(", ")));
            }
            out.append('\n');
        }
    }
}
