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

    /** "GL-901/2022-08-10": each test is judged on its own (measures 5 and 26 give one finding per test). */
    @Override
    public String subject() {
        return source + "/" + testedOn;
    }

    /** The tested source's id: a boiler's tests are evaluated with the {@link Boiler} (its default key, its id). */
    @Override
    public String partitionKey() {
        return source;
    }
}
