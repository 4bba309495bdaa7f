package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.AbsentMeansNone;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One boiler of the district's boiler register (锅炉台账): fuel, capacity in steam tonnes per hour, state,
 * when it was registered, whether it lies in the main urban area, and the last day an inspector saw it
 * running. Measure 25 reads the register; measure 26 joins a boiler to its {@link EmissionTest}s, whose
 * {@code source} is the boiler id, so both evaluate in the boiler's partition (the default, its id).
 */
public record Boiler(
        @Required String id,
        String owner,
        String town,
        Fuel fuel,
        Double capacityTph,
        BoilerStatus status,
        LocalDate registeredOn,
        Boolean mainUrbanArea,
        @AbsentMeansNone LocalDate seenOperatingOn) implements Fact {

    @Override
    public String subject() {
        return id;
    }
}
