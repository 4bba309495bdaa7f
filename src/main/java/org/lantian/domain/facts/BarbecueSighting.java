package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * An open-air barbecue seen at a location, or a patrol of a known spot (measure 27). {@code operating} false
 * records a patrol that found the spot cleared (常态化监管, 杜绝死灰复燃); absent, a barbecue was seen.
 */
public record BarbecueSighting(
        @Required String location,
        String town,
        Boolean mainUrbanArea,
        @Required LocalDate observedOn,
        Boolean operating) implements Fact {

    /** "南街街道 凤台街夜市口/2022-06-18". */
    @Override
    public String subject() {
        return location + "/" + observedOn;
    }

    /** A barbecue was operating: the sighting says so or does not say otherwise. */
    public boolean barbecueSeen() {
        return !Boolean.FALSE.equals(operating);
    }
}
