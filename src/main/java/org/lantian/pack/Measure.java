package org.lantian.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One ledger measure: its verbatim text, deadline, responsible units and named targets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measure(
        int number,
        String category,
        String text,
        String summary,
        String deadlineText,
        Deadline deadline,
        List<String> units,
        String unitsNote,
        Map<String, Target> targets) {

    /** The placeholders in the ledger that mean "the town or subdistrict where the subject lies". */
    private static final List<String> EACH_TOWN = List.of("各镇（街道）", "各相关镇（街道）");

    /** The responsible units for one subject: "each town" resolved to the subject's town when known. */
    public List<String> unitsFor(String town) {
        if (town == null || town.isBlank()) return units;
        return units.stream().map(u -> EACH_TOWN.contains(u) ? town : u).distinct().toList();
    }

    public Target target(String name) {
        TargetReads.note(number, name);
        Target t = targets == null ? null : targets.get(name);
        if (t == null) {
            throw new IllegalArgumentException("measure " + number + " has no target \"" + name + "\" in the ledger file"
                    + (targets == null ? "" : "; it has " + targets.keySet()));
        }
        return t;
    }

    /** The named target, or null when the measure has none by that name (a row missing from a table). */
    public Target targetOrNull(String name) {
        TargetReads.note(number, name);
        return targets == null ? null : targets.get(name);
    }
}
