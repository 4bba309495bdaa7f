package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One household at a winter-heating check (入户排查): how it heats, whether it lies in the coal-ban zone
 * (禁煤区), and whether the inspector saw coal burnt or stored there. Measures 19 (loose coal cleared) and
 * 23 (no coal in the ban zone, no re-burning after conversion).
 */
public record HouseholdHeating(
        @Required String household,
        String town,
        String village,
        Boolean inCoalBanZone,
        HeatingMode heating,
        Boolean coalObserved) implements Fact {

    @Override
    public String subject() {
        return household;
    }
}
