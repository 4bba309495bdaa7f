package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * A place or vehicle selling motor fuel, as found by inspection: licensed or not, operating or cleared,
 * and whether it offers an off-peak refuelling discount. Measures 8 and 39.
 */
public record FuelOutlet(
        @Required String id,
        String name,
        String town,
        OutletKind kind,
        Boolean licensed,
        Boolean operating,
        Boolean offPeakDiscount) implements Fact {

    @Override
    public String subject() {
        return id;
    }
}
