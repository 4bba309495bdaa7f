package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** One part of an enterprise's ultra-low-emission retrofit filing (超低排放改造备案), measures 5 and 41. */
public record UltraLowFiling(
        @Required String enterprise,
        @Required UltraLowPart part,
        LocalDate filedOn) implements Fact {

    /** "QY-0021/STACK". */
    @Override
    public String subject() {
        return enterprise + "/" + part;
    }

    /** Seen with its enterprise: measure 5 counts its parts, measure 41 exempts a fully filed cement plant. */
    @Override
    public String partitionKey() {
        return enterprise;
    }

    /** Filed on or before that day. */
    public boolean filedBy(LocalDate day) {
        return filedOn != null && !filedOn.isAfter(day);
    }
}
