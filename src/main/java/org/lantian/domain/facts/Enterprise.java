package org.lantian.domain.facts;

import java.time.LocalDate;
import java.util.Collection;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One industrial enterprise as registered by the environment bureau: industry, location, status,
 * performance grade, emission permit and vehicle gate system. Measures 1 (permit), 2, 3, 5, 9, 41.
 * Its production days, emission totals, transport records and ultra-low filings share its partition.
 */
public record Enterprise(
        @Required String id,
        String name,
        String town,
        Industry industry,
        Boolean nearUrbanArea,
        EnterpriseStatus status,
        PerformanceGrade performanceGrade,
        LocalDate permitValidUntil,
        Boolean keyVehicleUser,
        LocalDate gateSystemInstalledOn,
        Boolean gateSystemNetworked) implements Fact {

    @Override
    public String subject() {
        return id;
    }

    /** True when the industry is one of the names in a pack list (a target such as measure 2's {@code industries}). */
    public boolean industryIn(Object listed) {
        return industry != null && listed instanceof Collection<?> c && c.contains(industry.name());
    }
}
