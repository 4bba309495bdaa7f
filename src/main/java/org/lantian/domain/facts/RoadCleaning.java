package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One road on one day: how it was swept, washed, watered and flushed that day. Measures 13 and 14. The
 * weekly flush targets sum {@code flushes} over the road's days of the week in the rules, so a road's
 * days share one partition key. Daily findings name the day in their subject: {@code R-001/2022-06-30}.
 */
public record RoadCleaning(
        @Required String road,
        String roadName,
        RoadClass roadClass,
        Zone zone,
        String town,
        @Required LocalDate date,
        Double areaM2,
        Double mechanizedAreaM2,
        Integer sweeps,
        Integer upkeepShifts,
        Integer washes,
        Integer wetSweeps,
        Integer flushes,
        Boolean watered) implements Fact {

    /** "R-001/2022-06-30": the road on its day. */
    @Override
    public String subject() {
        return road + "/" + date;
    }

    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public String partitionKey() {
        return road;
    }

    /** Share of the road's area swept by machine, or null when either area is unknown. */
    public Double mechanizedRate() {
        if (areaM2 == null || mechanizedAreaM2 == null || areaM2 == 0) return null;
        return mechanizedAreaM2 / areaM2;
    }
}
