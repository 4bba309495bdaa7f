package org.lantian.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which measures' rules read a fact type, from the pack's index (a pattern of the type that constrains or binds
 * a field, or a field called on it): what the nightly batch asks to know on which nights a type's history must
 * be loaded for every subject (a deadline of a measure that reads it).
 */
public final class TypeReaders {
    private TypeReaders() {
    }

    /** Fact type (simple name) -> the measures whose rules read it; a type no rule reads a field of is absent. */
    public static Map<String, Set<Integer>> measuresByType(CompiledPack pack) {
        Map<String, Set<Integer>> out = new TreeMap<>();
        for (RuleInfo rule : pack.rules()) {
            Map<String, java.util.List<String>> byType = pack.index().reads().get(rule.id());
            if (byType == null) continue;
            for (String type : byType.keySet()) out.computeIfAbsent(type, t -> new TreeSet<>()).add(rule.measure());
        }
        return out;
    }
}
