package org.lantian.engine;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.definition.rule.Rule;
import org.lantian.pack.Ledger;
import org.lantian.pack.Measure;
import org.lantian.pack.Period;
import org.lantian.pack.Periods;

/**
 * What every finding of a measure or a rule repeats, worked out once per pack instead of once per finding (a
 * night has millions): the measure by number, its deadline text, its units for each town, and a rule's measure
 * and name. Thread-safe; its caches are read without locking (a miss computes, a race computes twice).
 */
final class MeasureTexts {
    /** One measure's texts; the units of a town are the same list for every finding of the measure there. */
    static final class Of {
        final Measure measure;
        final String deadline;
        private final Ledger ledger;
        private final Map<String, List<String>> units = new ConcurrentHashMap<>();

        Of(Measure measure, Ledger ledger) {
            this.measure = measure;
            this.ledger = ledger;
            this.deadline = measure.deadline().describe(ledger);
        }

        /** The measure's units for a subject in a town, every name resolved to the pack's list of units. */
        List<String> units(String town) {
            String key = town == null ? "" : town;
            List<String> u = units.get(key); // get first: computeIfAbsent locks a bin whose first key is another
            if (u == null) {
                u = units.computeIfAbsent(key, t -> measure.unitsFor(t.isEmpty() ? null : ledger.unitName(t)).stream()
                        .map(ledger::unitName).distinct().toList());
            }
            return u;
        }
    }

    /** A rule as its findings name it: its id and its measure's texts (from its {@code @measure} metadata). */
    record RuleText(String name, Of of) {
    }

    private final Ledger ledger;
    private final Map<Integer, Of> measures = new HashMap<>();
    private final Map<String, RuleText> rules = new ConcurrentHashMap<>();

    MeasureTexts(Ledger ledger) {
        this.ledger = ledger;
        for (Measure m : ledger.measures()) measures.put(m.number(), new Of(m, ledger));
    }

    Ledger ledger() {
        return ledger;
    }

    Of of(int number) {
        Of m = measures.get(number);
        if (m == null) ledger.measure(number); // which throws, naming the number
        return m;
    }

    Measure measure(int number) {
        return of(number).measure;
    }

    /** The rule's texts, read from its metadata once. */
    RuleText rule(Rule rule) {
        RuleText r = rules.get(rule.getName());
        if (r == null) {
            r = new RuleText(rule.getName(), of(FindingCollector.measureOf(rule)));
            RuleText before = rules.putIfAbsent(rule.getName(), r);
            if (before != null) r = before;
        }
        return r;
    }

    /** The period of a measure's target that contains the day. */
    Period period(Measure m, String target, LocalDate day) {
        return Periods.of(m, target, day, ledger);
    }
}
