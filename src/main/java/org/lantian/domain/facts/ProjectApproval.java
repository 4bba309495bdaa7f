package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * The approval of a new or extended project: whether it emits air pollutants, consumes coal, and, if it
 * does, whether its coal use is offset by an equal or larger reduction elsewhere. Measures 1 and 22.
 */
public record ProjectApproval(
        @Required String project,
        String name,
        String town,
        LocalDate approvedOn,
        Boolean airEmitting,
        Boolean coalConsuming,
        Boolean coalSubstitution) implements Fact {

    @Override
    public String subject() {
        return project;
    }
}
