package org.lantian.domain.facts;

import java.time.LocalDate;
import java.util.ArrayList;
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

    /**
     * The calendar quarters of the as-of year that ended before the as-of date and during all of which
     * the restaurant was open (a quarter it opened in, or after, is excepted), as "2022Q1".
     */
    public List<String> quartersDue(LocalDate asOf) {
        List<String> due = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            LocalDate start = LocalDate.of(asOf.getYear(), 3 * q - 2, 1);
            LocalDate end = start.plusMonths(3).minusDays(1);
            if (!end.isBefore(asOf)) break;
            if (openedOn == null || !openedOn.isAfter(start)) due.add(asOf.getYear() + "Q" + q);
        }
        return due;
    }

    /** Of the quarters due, those with fewer than {@code perQuarter} recorded cleanings; null when cleanings were not reported. */
    public List<String> quartersShortOfCleaning(LocalDate asOf, int perQuarter) {
        if (cleanings == null) return null;
        List<String> short_ = new ArrayList<>();
        for (String quarter : quartersDue(asOf)) {
            long done = cleanings.stream()
                    .filter(d -> (d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1)).equals(quarter))
                    .count();
            if (done < perQuarter) short_.add(quarter);
        }
        return short_;
    }
}
