package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;
import org.lantian.domain.Signed;

/**
 * The district's weather on one day: maximum temperature and the heavy-pollution alert level in force.
 * Context for measures 3, 41 (alert levels) and 37 (hot days); not a subject of its own findings.
 */
@Context
public record WeatherDay(
        @Required LocalDate date,
        @Signed Double maxTempC,
        AlertLevel alertLevel) implements Fact {

    @Override
    public String subject() {
        return String.valueOf(date);
    }
}
