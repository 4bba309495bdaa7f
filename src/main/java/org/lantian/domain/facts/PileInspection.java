package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** One pile (土堆、砂堆、渣堆、料堆、垃圾堆) in an urban-rural fringe area at one inspection: cleared or not. Measure 36. */
public record PileInspection(
        @Required String pile,
        FringeArea area,
        String town,
        PileKind kind,
        Boolean cleared,
        LocalDate inspectedOn) implements Fact {

    @Override
    public String subject() {
        return pile;
    }
}
