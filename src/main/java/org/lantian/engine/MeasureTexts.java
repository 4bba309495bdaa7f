package org.lantian.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lantian.pack.Ledger;
import org.lantian.pack.Measure;

/**
 * What every finding of a measure repeats, worked out once per pack instead of once per finding (a night
 * has millions): the measure by number, its deadline text, and its units for each town.
 */
final class MeasureTexts {
    private final Ledger ledger;
    private final Map<Integer, Measure> measures = new HashMap<>();
    private final Map<Integer, String> deadlines = new HashMap<>();
    private final Map<Integer, Map<String, List<String>>> units = new HashMap<>();

    MeasureTexts(Ledger ledger) {
        this.ledger = ledger;
        for (Measure m : ledger.measures()) {
            measures.put(m.number(), m);
            deadlines.put(m.number(), m.deadline().describe(ledger));
            units.put(m.number(), new ConcurrentHashMap<>());
        }
    }

    Ledger ledger() {
        return ledger;
    }

    Measure measure(int number) {
        Measure m = measures.get(number);
        return m != null ? m : ledger.measure(number); // which throws, naming the number
    }

    String deadline(Measure m) {
        return deadlines.get(m.number());
    }

    /** The measure's units for a subject in a town, every name resolved to the pack's list of units. */
    List<String> units(Measure m, String town) {
        return units.get(m.number()).computeIfAbsent(town == null ? "" : town,
                t -> m.unitsFor(t.isEmpty() ? null : ledger.unitName(t)).stream().map(ledger::unitName).distinct().toList());
    }
}
