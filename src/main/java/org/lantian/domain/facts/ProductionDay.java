package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Ratio;
import org.lantian.domain.Required;

/**
 * An enterprise's output on one day as a share of its normal output. With the enterprise's grade and the
 * day's alert level (WeatherDay) it shows whether staggered production and emergency cuts were kept
 * (measures 3, 41).
 */
public record ProductionDay(
        @Required String enterprise,
        @Required LocalDate date,
        @Ratio Double outputShare) implements Fact {

    /** "QY-0107/2022-11-15". */
    @Override
    public String subject() {
        return enterprise + "/" + date;
    }

    /** Seen with its enterprise, whose grade and location decide the limit. */
    @Override
    public String partitionKey() {
        return enterprise;
    }
}
