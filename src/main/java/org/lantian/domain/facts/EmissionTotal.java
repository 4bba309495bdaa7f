package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** An enterprise's actual annual emissions of one pollutant against its permitted total (measure 1). */
public record EmissionTotal(
        @Required String enterprise,
        @Required Integer year,
        @Required Pollutant pollutant,
        Double permittedTonnes,
        Double actualTonnes) implements Fact {

    /** "QY-0107/2022/SO2". */
    @Override
    public String subject() {
        return enterprise + "/" + year + "/" + pollutant;
    }

    /** Seen with its enterprise, whose town the finding names. */
    @Override
    public String partitionKey() {
        return enterprise;
    }
}
