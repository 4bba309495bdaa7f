package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One bare or idle parcel (裸地、闲置土地) from the survey: how it was treated and when, whether it serves as
 * temporary truck parking, and its distance to the main urban key areas. Measures 16 and 17.
 */
public record LandParcel(
        @Required String parcel,
        String town,
        Double areaM2,
        LocalDate surveyedOn,
        LandTreatment treatment,
        LocalDate treatedOn,
        Boolean truckParking,
        Double distanceToKeyAreaM) implements Fact {

    @Override
    public String subject() {
        return parcel;
    }

    /**
     * Treated as measures 16 and 17 ask (greened, hardened or permeable-paved); COVERED counts only when the
     * pack says so. Null when the treatment was not reported.
     */
    public Boolean treated(boolean coveredCounts) {
        if (treatment == null) return null;
        return switch (treatment) {
            case GREENED, HARDENED, PERMEABLE_PAVING -> true;
            case COVERED -> coveredCounts;
            case NONE -> false;
        };
    }
}
