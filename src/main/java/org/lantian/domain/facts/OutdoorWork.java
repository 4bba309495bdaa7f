package org.lantian.domain.facts;

import java.time.LocalDate;
import java.time.LocalTime;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;
import org.lantian.domain.TimeSpans;

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

    /** Whether the work overlaps [from, to) by at least a minute; null when its start or end is not reported. */
    public Boolean overlaps(LocalTime from, LocalTime to) {
        return start == null || end == null ? null : TimeSpans.overlaps(start, end, from, to);
    }
}
