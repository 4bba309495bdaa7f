package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.AbsentMeansNone;
import org.lantian.domain.Fact;
import org.lantian.domain.Range;
import org.lantian.domain.Required;

/** One entry of the sanitation fleet register. Measure 7 reads the whole register. */
public record SanitationVehicle(
        @Required String plate,
        VehicleFuel fuel,
        @Range(min = 1, max = 6) Integer emissionStage,
        LocalDate inServiceFrom,
        @AbsentMeansNone LocalDate retiredOn,
        String replaces) implements Fact {

    @Override
    public String subject() {
        return plate;
    }

    /** Measure 7 counts the whole fleet at once, so all vehicles are evaluated together. */
    @Override
    public String partitionKey() {
        return "sanitation-fleet";
    }

    /** In service on that day: started on or before it and not retired by it. */
    public boolean inServiceOn(LocalDate day) {
        return inServiceFrom != null && !inServiceFrom.isAfter(day) && (retiredOn == null || retiredOn.isAfter(day));
    }
}
