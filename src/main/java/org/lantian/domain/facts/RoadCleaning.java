package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** One road on one day: how it was swept, washed and watered. Measures 13 and 14. */
public record RoadCleaning(
        @Required String road,
        String roadName,
        RoadClass roadClass,
        Zone zone,
        String town,
        LocalDate date,
        Double areaM2,
        Double mechanizedAreaM2,
        Integer sweeps,
        Integer upkeepShifts,
        Integer washes,
        Integer wetSweeps,
        Integer flushesThisWeek,
        Boolean watered) implements Fact {

    @Override
    public String subject() {
        return road;
    }

    /** Share of the road's area swept by machine, or null when either area is unknown. */
    public Double mechanizedRate() {
        if (areaM2 == null || mechanizedAreaM2 == null || areaM2 == 0) return null;
        return mechanizedAreaM2 / areaM2;
    }
}
