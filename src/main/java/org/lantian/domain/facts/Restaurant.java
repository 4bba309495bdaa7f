package org.lantian.domain.facts;

import java.time.LocalDate;
import java.util.List;
import org.lantian.domain.Fact;
import org.lantian.domain.Ratio;
import org.lantian.domain.Required;

/** One catering establishment at one inspection. Measures 33, 34 and 35. */
public record Restaurant(
        @Required String id,
        String name,
        String town,
        Integer seats,
        Integer burners,
        Double distanceToCoreM,
        Boolean operating,
        LocalDate openedOn,
        Boolean purifierInstalled,
        @Ratio Double purifierEfficiency,
        Boolean purifierRunning,
        Boolean maintenanceLog,
        Boolean onlineMonitoring,
        List<LocalDate> cleanings,
        Double fumeMgM3,
        LocalDate inspectedOn) implements Fact {

    @Override
    public String subject() {
        return id;
    }

    /** True when the restaurant was open on the day (its opening day unknown counts as open). */
    public boolean openOn(LocalDate day) {
        return openedOn == null || !openedOn.isAfter(day);
    }

    /**
     * The distinct days from {@code from} to {@code to} on which the purifier was cleaned, by the log book
     * read at inspection and the cleanings reported as they happened (a day in both counts once); null when
     * neither was reported.
     */
    public Integer cleaningDaysIn(LocalDate from, LocalDate to, java.util.Collection<LocalDate> reported) {
        if (cleanings == null && (reported == null || reported.isEmpty())) return null;
        java.util.Set<LocalDate> days = new java.util.HashSet<>();
        if (cleanings != null) for (LocalDate d : cleanings) if (d != null && !d.isBefore(from) && !d.isAfter(to)) days.add(d);
        if (reported != null) for (LocalDate d : reported) if (d != null && !d.isBefore(from) && !d.isAfter(to)) days.add(d);
        return days.size();
    }
}
