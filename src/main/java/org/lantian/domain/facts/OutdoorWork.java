package org.lantian.domain.facts;

import java.time.LocalDate;
import java.time.LocalTime;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One day of an outdoor works project that emits VOCs: what kind of work, whether in the built-up area,
 * and from when to when (HH:MM; an end at or before the start runs past midnight). Measures 31 and 38.
 */
public record OutdoorWork(
        @Required String project,
        String name,
        String town,
        OutdoorWorkType workType,
        Boolean builtUpArea,
        @Required LocalDate date,
        LocalTime start,
        LocalTime end) implements Fact {

    /** "LX-2022-031/2022-07-12": a project reports each working day. */
    @Override
    public String subject() {
        return project + "/" + date;
    }
}
