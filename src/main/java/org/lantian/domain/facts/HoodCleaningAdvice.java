package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * A residential community near the core area and the last day its households were advised to clean their
 * kitchen hoods (倡导家用油烟机每半年清洗1次, measure 34): advisory, so a miss is a warning, never a failure.
 */
public record HoodCleaningAdvice(
        @Required String community,
        String name,
        String town,
        Double distanceToCoreM,
        LocalDate advisedOn) implements Fact {

    @Override
    public String subject() {
        return community;
    }
}
