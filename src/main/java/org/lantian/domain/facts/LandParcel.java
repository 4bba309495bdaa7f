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

}
