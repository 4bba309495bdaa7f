package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * Clean-heating conversions (清洁取暖改造) of one town in one year, or of one village of it: households
 * assigned, completed, and the completed ones by mode. Measures 20 and 21 add up a town's records, so all
 * records of a town are evaluated together.
 */
public record HeatingConversion(
        @Required String town,
        @Required Integer year,
        String village,
        Integer assigned,
        Integer completed,
        Integer byCentral,
        Integer byDistributedCentral,
        Integer byHousehold) implements Fact {

    /** "北石店镇/2022", or "北石店镇/2022/东武匠村" for a village's record. */
    @Override
    public String subject() {
        return town + "/" + year + (village == null ? "" : "/" + village);
    }

    /** Measures 20 and 21 add up the records of a town. */
    @Override
    public String partitionKey() {
        return "heating-conversion/" + town;
    }
}
