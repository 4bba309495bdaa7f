package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One stack test of a stationary source (a cement kiln, a boiler …): measured concentrations in mg/m³
 * at the reference oxygen content. Read by measures 5 (ultra-low emission) and 26 (boiler limits).
 */
public record EmissionTest(
        @Required String source,
        SourceType sourceType,
        Fuel fuel,
        @Required LocalDate testedOn,
        Double pmMgM3,
        Double so2MgM3,
        Double noxMgM3,
        String town) implements Fact {

    @Override
    public String subject() {
        return source;
    }
}
