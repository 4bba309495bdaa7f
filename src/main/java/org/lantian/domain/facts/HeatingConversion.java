package org.lantian.domain.facts;

import java.util.Collection;
import java.util.function.Function;
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

    /** The sums of a town's records; a sum is null when any record lacks that figure. */
    public record Totals(Integer assigned, Integer completed, Integer byCentral, Integer byDistributedCentral,
                         Integer byHousehold) {

        /** Conversions by any mode: central + distributed central + household; null when one is not reported. */
        public Integer byAnyMode() {
            return byCentral == null || byDistributedCentral == null || byHousehold == null ? null
                    : byCentral + byDistributedCentral + byHousehold;
        }

        /** Conversions beyond the heating network: distributed central + household. */
        public Integer beyondNetwork() {
            return byDistributedCentral == null || byHousehold == null ? null : byDistributedCentral + byHousehold;
        }
    }

    public static Totals totals(Collection<HeatingConversion> records) {
        return new Totals(sum(records, HeatingConversion::assigned), sum(records, HeatingConversion::completed),
                sum(records, HeatingConversion::byCentral), sum(records, HeatingConversion::byDistributedCentral),
                sum(records, HeatingConversion::byHousehold));
    }

    private static Integer sum(Collection<HeatingConversion> records, Function<HeatingConversion, Integer> field) {
        int total = 0;
        for (HeatingConversion r : records) {
            Integer v = field.apply(r);
            if (v == null) return null;
            total += v;
        }
        return total;
    }
}
