package org.lantian.domain.facts;

import java.time.LocalDate;
import java.time.LocalTime;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;
import org.lantian.domain.TimeSpans;

/**
 * One run of a VOC-emitting process (spraying, printing, drying …) at an enterprise on one day, from start
 * to end (HH:MM). Measure 37 joins it with that day's {@link WeatherDay}.
 */
public record VocProcessRun(
        @Required String enterprise,
        String name,
        String town,
        String industry,
        String process,
        @Required LocalDate date,
        LocalTime start,
        LocalTime end) implements Fact {

    /** "QY-0107/2022-07-12 08:00": an enterprise may run several processes a day. */
    @Override
    public String subject() {
        return enterprise + "/" + date + (start == null ? "" : " " + start);
    }

    /** Whether the work overlaps [from, to) by at least a minute; null when its start or end is not reported. */
    public Boolean overlaps(LocalTime from, LocalTime to) {
        return start == null || end == null ? null : TimeSpans.overlaps(start, end, from, to);
    }
}
