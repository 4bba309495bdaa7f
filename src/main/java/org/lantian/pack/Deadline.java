package org.lantian.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A measure's 完成时限 in structured form. {@code kind} is one of ongoing, due, seasonal,
 * milestones, period; {@code ongoing} marks a measure that is also checked at every evaluation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deadline(String kind, LocalDate due, String period, List<Milestone> milestones, Boolean ongoing) {

    public record Milestone(String name, LocalDate due) {
    }

    public LocalDate milestone(String name) {
        if (milestones != null) {
            for (Milestone m : milestones) if (m.name().equals(name)) return m.due();
        }
        return null;
    }

    /** A short text for findings: "ongoing", "2022-12-31", "2022-05-01..2022-09-30", "built 2022-05-31; trial 2022-08-31". */
    public String describe(Ledger ledger) {
        return switch (kind) {
            case "ongoing" -> "ongoing";
            case "due" -> due.toString();
            case "seasonal", "period" -> ledger.period(period).toString() + (Boolean.TRUE.equals(ongoing) ? "; ongoing" : "");
            case "milestones" -> milestones.stream().map(m -> m.name() + " " + m.due()).collect(Collectors.joining("; "))
                    + (Boolean.TRUE.equals(ongoing) ? "; ongoing" : "");
            default -> kind;
        };
    }
}
