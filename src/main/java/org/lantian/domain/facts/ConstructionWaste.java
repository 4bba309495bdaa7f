package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * Construction waste a site generated on one day (谁拆谁清、日拆日清): when it was cleared, and whether it was
 * covered while not cleared. Measure 11. Subject: "site/generatedOn".
 */
public record ConstructionWaste(
        @Required String site,
        String town,
        @Required LocalDate generatedOn,
        LocalDate clearedOn,
        Boolean covered) implements Fact {

    @Override
    public String subject() {
        return site + "/" + generatedOn;
    }

    @Override
    public String partitionKey() {
        return ConstructionSite.sitePartition(site);
    }

    /** Cleared on the day it was generated (or earlier, for a record dated late). */
    public boolean clearedSameDay() {
        return clearedOn != null && !clearedOn.isAfter(generatedOn);
    }
}
