package org.lantian.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.RuleInfo;
import org.lantian.pack.Ledger;
import org.lantian.pack.Measure;
import org.lantian.pack.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lantian ledger [N]}: the measures, their deadlines, units and how many rules encode each. */
@Command(name = "ledger", description = "List the ledger's measures, or show one with its targets and rules.")
final class LedgerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "N", arity = "0..1", description = "A measure number: show it in full.")
    Integer number;

    @Option(names = "--lang", defaultValue = "zh", description = "zh or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        CompiledPack compiled = pack.compile();
        Ledger ledger = compiled.ledger();
        if (number == null) {
            output.out().print(list(compiled));
            return Main.OK;
        }
        if (!ledger.hasMeasure(number)) throw new Main.UserError("the ledger has no measure " + number);
        output.out().print(show(compiled, ledger.measure(number)));
        return Main.OK;
    }

    private String list(CompiledPack compiled) {
        boolean en = "en".equals(lang);
        Ledger ledger = compiled.ledger();
        Table t = en ? new Table("#", "category", "deadline", "units", "rules", "summary")
                : new Table("序号", "类别", "完成时限", "责任单位", "规则数", "措施");
        int unencoded = 0;
        for (Measure m : ledger.measures()) {
            int rules = compiled.rulesOf(m.number()).size();
            if (rules == 0) unencoded++;
            t.row(m.number(), m.category() + " " + (en ? ledger.category(m.category()).en() : ledger.category(m.category()).name()),
                    en ? m.deadline().describe(ledger) : m.deadlineText(), String.join(en ? ", " : "、", m.units()),
                    rules == 0 ? "—" : rules, en ? m.summary() : abbreviate(m.text(), 40));
        }
        return ledger.title() + " (" + ledger.pack() + ", " + compiled.rules().size() + (en ? " rules)" : " 条规则)") + "\n\n"
                + t.render() + (unencoded == 0 ? "" : "\n" + (en ? "Measures without a rule: " : "尚无规则的措施：") + unencoded + "\n");
    }

    private String show(CompiledPack compiled, Measure m) {
        Ledger ledger = compiled.ledger();
        StringBuilder out = new StringBuilder();
        out.append("措施 ").append(m.number()).append("  ").append(m.category()).append("、")
                .append(ledger.category(m.category()).name()).append('\n');
        out.append(m.text()).append('\n').append(m.summary()).append("\n\n");
        out.append("完成时限 deadline: ").append(m.deadlineText()).append(" (").append(m.deadline().describe(ledger)).append(")\n");
        out.append("责任单位 units: ").append(String.join("、", m.units()))
                .append(m.unitsNote() == null ? "" : " — " + m.unitsNote()).append("\n\n");
        Table targets = new Table("target", "value", "unit", "source", "note");
        if (m.targets() != null) {
            for (var e : m.targets().entrySet()) {
                Target v = e.getValue();
                targets.row(e.getKey(), v.value(), v.unit(), v.source() + (v.interpretation() ? " (interpretation)" : ""), v.note());
            }
        }
        out.append(targets.render()).append('\n');
        List<RuleInfo> rules = compiled.rulesOf(m.number());
        out.append("rules: ").append(rules.isEmpty() ? "none yet" : "").append('\n');
        rules.forEach(r -> out.append("  ").append(r.id()).append("  (").append(r.file()).append(")\n"));
        return out.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
