package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Percent;
import org.lantian.domain.Required;

/**
 * One coal sample taken at a coal dealer (散煤经销点) and its laboratory result: ash and total sulfur on a
 * dry basis, volatiles on a dry ash-free basis, in percent. Measures 23 (briquettes) and 24 (loose coal).
 */
public record CoalSample(
        @Required String dealer,
        String dealerName,
        String town,
        LocalDate sampledOn,
        CoalKind coalKind,
        @Percent Double ashPct,
        @Percent Double sulfurPct,
        @Percent Double volatilePct) implements Fact {

    /** "MT-NC-007/2022-11-16": each sample is judged on its own (measures 23 and 24). */
    @Override
    public String subject() {
        return sampledOn == null ? dealer : dealer + "/" + sampledOn;
    }

    /** The dealer: a dealer's samples are evaluated together. */
    @Override
    public String partitionKey() {
        return dealer;
    }
}
