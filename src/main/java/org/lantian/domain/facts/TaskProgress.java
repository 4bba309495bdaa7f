package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * Progress of a one-off deadline task (measures 4, 32, 40 …): which measure and milestone, which unit
 * reports it, and when it was completed (absent while not completed).
 */
public record TaskProgress(
        @Required Integer measure,
        String milestone,
        String unit,
        LocalDate completedOn,
        String evidence) implements Fact {

    /** "measure-32/built", or "measure-4" when the task has no milestones. */
    @Override
    public String subject() {
        return "measure-" + measure + (milestone == null ? "" : "/" + milestone);
    }

    /** Completed on or before the due date. */
    public boolean completedBy(LocalDate due) {
        return completedOn != null && !completedOn.isAfter(due);
    }
}
