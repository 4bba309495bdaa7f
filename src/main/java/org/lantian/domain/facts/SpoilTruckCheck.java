package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One spoil (渣土) truck checked on leaving a site: fully enclosed, and whether it spilled its load on the
 * road. Measure 11 counts a site's checks, so they share the site's partition key.
 */
public record SpoilTruckCheck(
        @Required String plate,
        @Required String site,
        String town,
        LocalDate date,
        Boolean enclosed,
        Boolean spillage) implements Fact {

    @Override
    public String subject() {
        return plate;
    }

    @Override
    public String partitionKey() {
        return ConstructionSite.sitePartition(site);
    }
}
