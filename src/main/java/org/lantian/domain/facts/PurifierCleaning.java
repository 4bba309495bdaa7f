package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * A restaurant's fume purifier cleaned on one day (清洗油烟净化设施): an event of that day, reported when it
 * happens. Measure 34 counts a restaurant's cleaning days of each quarter, from these and from the log book
 * its inspection reads ({@link Restaurant#cleanings()}); it is seen with its restaurant.
 */
public record PurifierCleaning(
        @Required String restaurant,
        @Required LocalDate date,
        String town) implements Fact {

    /** "CY-0150/2022-06-30". */
    @Override
    public String subject() {
        return restaurant + "/" + date;
    }

    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public String partitionKey() {
        return restaurant;
    }

    /** The distinct days from {@code from} to {@code to} among reported cleaning days; null when none was reported. */
    public static Integer daysIn(java.util.Collection<LocalDate> reported, LocalDate from, LocalDate to) {
        if (reported == null || reported.isEmpty()) return null;
        return (int) reported.stream().filter(d -> d != null && !d.isBefore(from) && !d.isAfter(to)).distinct().count();
    }
}
